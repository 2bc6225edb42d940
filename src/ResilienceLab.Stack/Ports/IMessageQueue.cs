namespace ResilienceLab.Stack.Ports;

/// <summary>
/// A queue with SQS standard-queue semantics: at-least-once delivery, a visibility timeout,
/// delete by receipt handle, batches of up to 10, and redrive to a dead-letter queue.
/// </summary>
public interface IMessageQueue
{
    /// <summary>The queue's name as provisioned (for example <c>orders</c>).</summary>
    string Name { get; }

    /// <summary>Sends one message and returns its MessageId.</summary>
    ValueTask<string> SendAsync(OutgoingMessage message, CancellationToken cancellationToken = default);

    /// <summary>Sends up to 10 messages and returns their MessageIds in order.</summary>
    ValueTask<IReadOnlyList<string>> SendBatchAsync(IReadOnlyList<OutgoingMessage> messages, CancellationToken cancellationToken = default);

    /// <summary>Receives up to <paramref name="maxMessages"/> (1 to 10), waiting up to <paramref name="waitTime"/> for one to arrive (long poll).</summary>
    ValueTask<IReadOnlyList<ReceivedMessage>> ReceiveAsync(int maxMessages, TimeSpan waitTime, CancellationToken cancellationToken = default);

    /// <summary>Deletes a received message. A stale receipt handle (the message was redelivered since) fails with <see cref="PortException"/>.</summary>
    ValueTask DeleteAsync(string receiptHandle, CancellationToken cancellationToken = default);

    /// <summary>Approximate visible and in-flight counts.</summary>
    ValueTask<QueueDepth> GetDepthAsync(CancellationToken cancellationToken = default);
}
