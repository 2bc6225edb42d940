using ResilienceLab.Stack.Ports;

namespace ResilienceLab.Harness.Runs;

/// <summary>Counts the messages a producer got onto a queue (accepted sends), for message accounting.</summary>
internal sealed class CountingPublisher(IMessageQueue inner) : IMessageQueue
{
    private long _sent;

    public long Sent => Interlocked.Read(ref _sent);

    public string Name => inner.Name;

    public async ValueTask<string> SendAsync(OutgoingMessage message, CancellationToken cancellationToken = default)
    {
        var id = await inner.SendAsync(message, cancellationToken).ConfigureAwait(false);
        Interlocked.Increment(ref _sent);
        return id;
    }

    public async ValueTask<IReadOnlyList<string>> SendBatchAsync(IReadOnlyList<OutgoingMessage> messages, CancellationToken cancellationToken = default)
    {
        var ids = await inner.SendBatchAsync(messages, cancellationToken).ConfigureAwait(false);
        Interlocked.Add(ref _sent, ids.Count);
        return ids;
    }

    public ValueTask<IReadOnlyList<ReceivedMessage>> ReceiveAsync(int maxMessages, TimeSpan waitTime, CancellationToken cancellationToken = default) =>
        inner.ReceiveAsync(maxMessages, waitTime, cancellationToken);

    public ValueTask DeleteAsync(string receiptHandle, CancellationToken cancellationToken = default) => inner.DeleteAsync(receiptHandle, cancellationToken);

    public ValueTask<QueueDepth> GetDepthAsync(CancellationToken cancellationToken = default) => inner.GetDepthAsync(cancellationToken);
}
