namespace ResilienceLab.Infrastructure.Provisioning;

/// <summary>SQS's RedrivePolicy: after <paramref name="MaxReceiveCount"/> receives a message moves to the named dead-letter queue.</summary>
public sealed record RedrivePolicy(string DeadLetterQueueName, int MaxReceiveCount = 3);
