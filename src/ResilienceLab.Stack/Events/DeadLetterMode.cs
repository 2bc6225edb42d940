namespace ResilienceLab.Stack.Events;

/// <summary>Who moves a message that keeps failing to a dead-letter queue.</summary>
public enum DeadLetterMode
{
    /// <summary>
    /// The queue does: a failed message is not deleted, becomes visible again after the visibility timeout, and the
    /// queue's redrive policy moves it to its DLQ after <c>maxReceiveCount</c> receives. The service sends nothing.
    /// </summary>
    QueueRedrive,

    /// <summary>
    /// The service does, as the document's <c>_send_to_dlq</c>: on the first failure it sends
    /// <c>{original_event, error_message, failed_at, service_name}</c> to its DLQ and the consumer deletes the message.
    /// If that send fails the message stays on the queue and falls back to queue redrive.
    /// </summary>
    ServiceDlq,
}
