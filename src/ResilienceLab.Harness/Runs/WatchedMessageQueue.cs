using ResilienceLab.Stack.Ports;

namespace ResilienceLab.Harness.Runs;

/// <summary>A queue whose calls <see cref="InfrastructureWatch"/> watches for an endpoint that stopped answering.</summary>
internal sealed class WatchedMessageQueue(IMessageQueue inner, InfrastructureWatch watch, string endpoint) : IMessageQueue
{
    public string Name => inner.Name;

    public ValueTask<string> SendAsync(OutgoingMessage message, CancellationToken cancellationToken = default) =>
        watch.CallAsync(endpoint, () => inner.SendAsync(message, cancellationToken));

    public ValueTask<IReadOnlyList<string>> SendBatchAsync(IReadOnlyList<OutgoingMessage> messages, CancellationToken cancellationToken = default) =>
        watch.CallAsync(endpoint, () => inner.SendBatchAsync(messages, cancellationToken));

    public ValueTask<IReadOnlyList<ReceivedMessage>> ReceiveAsync(int maxMessages, TimeSpan waitTime, CancellationToken cancellationToken = default) =>
        watch.CallAsync(endpoint, () => inner.ReceiveAsync(maxMessages, waitTime, cancellationToken));

    public ValueTask DeleteAsync(string receiptHandle, CancellationToken cancellationToken = default) =>
        watch.CallAsync(endpoint, () => inner.DeleteAsync(receiptHandle, cancellationToken));

    public ValueTask<QueueDepth> GetDepthAsync(CancellationToken cancellationToken = default) =>
        watch.CallAsync(endpoint, () => inner.GetDepthAsync(cancellationToken));
}
