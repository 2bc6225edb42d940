using ResilienceLab.Stack.Ports;

namespace ResilienceLab.Infrastructure.Local;

/// <summary>
/// An in-process topic with SNS fan-out: every subscribed queue gets every published message
/// (raw message delivery: the queue message body is the published message, attributes carried over).
/// </summary>
public sealed class LocalTopic : ITopic
{
    private readonly Lock gate = new();
    private IMessageQueue[] subscriptions = [];

    public LocalTopic(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name;
    }

    public string Name { get; }

    /// <summary>The subscribed queues, in subscription order.</summary>
    public IReadOnlyList<IMessageQueue> Subscriptions => Volatile.Read(ref subscriptions);

    /// <summary>Subscribes a queue; subscribing the same queue twice keeps one subscription, as SNS does.</summary>
    public void Subscribe(IMessageQueue queue)
    {
        ArgumentNullException.ThrowIfNull(queue);
        lock (gate)
        {
            if (!subscriptions.Contains(queue))
            {
                subscriptions = [.. subscriptions, queue];
            }
        }
    }

    /// <summary>Removes a subscription; false when the queue was not subscribed.</summary>
    public bool Unsubscribe(IMessageQueue queue)
    {
        lock (gate)
        {
            var remaining = subscriptions.Where(q => !ReferenceEquals(q, queue)).ToArray();
            var removed = remaining.Length != subscriptions.Length;
            subscriptions = remaining;
            return removed;
        }
    }

    /// <inheritdoc/>
    /// <remarks>Delivers to every subscription even when one fails; then the first failure is thrown, so a retry may duplicate (at-least-once).</remarks>
    public async ValueTask<string> PublishAsync(string message, IReadOnlyDictionary<string, string>? attributes = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        cancellationToken.ThrowIfCancellationRequested();
        var outgoing = new OutgoingMessage(message, attributes);
        var targets = Volatile.Read(ref subscriptions);
        List<Exception>? failures = null;
        foreach (var queue in targets)
        {
            try
            {
                await queue.SendAsync(outgoing, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                (failures ??= []).Add(exception);
            }
        }

        if (failures is not null)
        {
            var first = failures[0];
            throw new PortException(
                "Publish",
                first is PortException port ? port.ErrorCode : "InternalError",
                $"Topic '{Name}': delivery to {failures.Count} of {targets.Length} subscriptions failed: {first.Message}",
                isTransient: first is not PortException { IsTransient: false },
                first);
        }

        return LocalIdentifiers.FormatId(LocalIdentifiers.NextSequence());
    }
}
