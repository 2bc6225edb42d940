namespace ResilienceLab.Harness.Configuration;

/// <summary>
/// A <c>message_queues</c> entry: the queue, its attributes, and its dead-letter queue with redrive <c>maxReceiveCount</c>
/// (every queue has one, <c>$name-dlq</c> after 3 receives, unless the config says <c>"dead_letter_queue": false</c>).
/// </summary>
public sealed record MessageQueueConfig(string Name, int VisibilityTimeoutSeconds, int MessageRetentionSeconds, DeadLetterQueueConfig? DeadLetterQueue);
