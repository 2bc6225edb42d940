namespace ResilienceLab.Stack.Ports;

/// <summary>A message to send to a queue, with its string message attributes (for example CorrelationId, ServiceName).</summary>
public sealed record OutgoingMessage(string Body, IReadOnlyDictionary<string, string>? Attributes = null);
