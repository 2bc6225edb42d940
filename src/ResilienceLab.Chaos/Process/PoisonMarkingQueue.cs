using ResilienceLab.Stack.Ports;

namespace ResilienceLab.Chaos.Process;

/// <summary>A producer's view of a queue under <c>poison_message</c>: while the fault is on, a share of what is sent is marked poison.</summary>
public sealed class PoisonMarkingQueue : IMessageQueue
{
    private readonly IMessageQueue _inner;
    private readonly PoisonMarker _marker;
    private readonly string _target;

    public PoisonMarkingQueue(IMessageQueue inner, PoisonMarker marker, string target)
    {
        _inner = inner;
        _marker = marker;
        _target = target;
    }

    public string Name => _inner.Name;

    public ValueTask<string> SendAsync(OutgoingMessage message, CancellationToken cancellationToken = default) =>
        _inner.SendAsync(_marker.Mark(_target, message), cancellationToken);

    public ValueTask<IReadOnlyList<string>> SendBatchAsync(IReadOnlyList<OutgoingMessage> messages, CancellationToken cancellationToken = default) =>
        _inner.SendBatchAsync([.. messages.Select(m => _marker.Mark(_target, m))], cancellationToken);

    public ValueTask<IReadOnlyList<ReceivedMessage>> ReceiveAsync(int maxMessages, TimeSpan waitTime, CancellationToken cancellationToken = default) =>
        _inner.ReceiveAsync(maxMessages, waitTime, cancellationToken);

    public ValueTask DeleteAsync(string receiptHandle, CancellationToken cancellationToken = default) => _inner.DeleteAsync(receiptHandle, cancellationToken);

    public ValueTask<QueueDepth> GetDepthAsync(CancellationToken cancellationToken = default) => _inner.GetDepthAsync(cancellationToken);
}
