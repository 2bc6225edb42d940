namespace ResilienceLab.Stack.Ports;

/// <summary>A message as a consumer receives it: SQS's MessageId, ReceiptHandle, body, attributes and ApproximateReceiveCount.</summary>
public sealed record ReceivedMessage(
    string MessageId,
    string ReceiptHandle,
    string Body,
    IReadOnlyDictionary<string, string> Attributes,
    int ReceiveCount);
