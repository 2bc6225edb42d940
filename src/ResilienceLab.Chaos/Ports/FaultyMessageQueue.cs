using ResilienceLab.Stack.Ports;

namespace ResilienceLab.Chaos.Ports;

/// <summary>An <see cref="IMessageQueue"/> that lets the <see cref="ApiFaultInjector"/> delay or fail each call before delegating.</summary>
public sealed class FaultyMessageQueue : IMessageQueue
{
    private readonly IMessageQueue _inner;
    private readonly ApiFaultInjector _faults;

    /// <param name="inner">The queue adapter (local or aws).</param>
    /// <param name="faults">The run's injector.</param>
    /// <param name="target">The fault target name. <value>Default the queue's name.</value></param>
    public FaultyMessageQueue(IMessageQueue inner, ApiFaultInjector faults, string? target = null)
    {
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentNullException.ThrowIfNull(faults);
        _inner = inner;
        _faults = faults;
        Target = target ?? inner.Name;
        faults.Register(Target);
    }

    public string Name => _inner.Name;

    public string Target { get; }

    public async ValueTask<string> SendAsync(OutgoingMessage message, CancellationToken cancellationToken = default)
    {
        await _faults.BeforeCallAsync(Target, ApiOperations.SendMessage, cancellationToken).ConfigureAwait(false);
        return await _inner.SendAsync(message, cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<IReadOnlyList<string>> SendBatchAsync(IReadOnlyList<OutgoingMessage> messages, CancellationToken cancellationToken = default)
    {
        await _faults.BeforeCallAsync(Target, ApiOperations.SendMessageBatch, cancellationToken).ConfigureAwait(false);
        return await _inner.SendBatchAsync(messages, cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<IReadOnlyList<ReceivedMessage>> ReceiveAsync(int maxMessages, TimeSpan waitTime, CancellationToken cancellationToken = default)
    {
        await _faults.BeforeCallAsync(Target, ApiOperations.ReceiveMessage, cancellationToken).ConfigureAwait(false);
        return await _inner.ReceiveAsync(maxMessages, waitTime, cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask DeleteAsync(string receiptHandle, CancellationToken cancellationToken = default)
    {
        await _faults.BeforeCallAsync(Target, ApiOperations.DeleteMessage, cancellationToken).ConfigureAwait(false);
        await _inner.DeleteAsync(receiptHandle, cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<QueueDepth> GetDepthAsync(CancellationToken cancellationToken = default)
    {
        await _faults.BeforeCallAsync(Target, ApiOperations.GetQueueAttributes, cancellationToken).ConfigureAwait(false);
        return await _inner.GetDepthAsync(cancellationToken).ConfigureAwait(false);
    }
}
