using ResilienceLab.Chaos.Faults;
using ResilienceLab.Stack.Ports;

namespace ResilienceLab.Chaos.Process;

/// <summary>
/// The <c>consumer_crash</c> switch for the consumers of each queue. A consumer asks <see cref="Decide"/> for every message it
/// receives (or lets <see cref="ConsumeAsync"/> do the asking); while a fault on its queue is on, a hit message is not deleted,
/// so the queue redelivers it after the visibility timeout and, past maxReceiveCount, redrives it to the dead-letter queue.
/// </summary>
public sealed class ConsumerFaults : IFaultTarget
{
    private readonly HashSet<string> _queues;
    private readonly ActiveFaultSet _active = new();

    /// <param name="queues">Names of the queues whose consumers consult this switch (the faults' targets).</param>
    public ConsumerFaults(IEnumerable<string> queues)
    {
        ArgumentNullException.ThrowIfNull(queues);
        _queues = new HashSet<string>(queues, StringComparer.Ordinal);
    }

    public IReadOnlyCollection<string> Queues => _queues;

    public bool Knows(string queue) => _queues.Contains(queue);

    /// <summary>What the consumer of <paramref name="queue"/> does with the message it just received.</summary>
    public ConsumerFaultAction Decide(string queue)
    {
        if (_active.IsEmpty)
        {
            return ConsumerFaultAction.Proceed;
        }

        foreach (var fault in _active.On(queue))
        {
            if (fault.Hits())
            {
                return fault.Spec.CrashMode == ConsumerCrashMode.CrashBeforeDelete ? ConsumerFaultAction.CrashBeforeDelete : ConsumerFaultAction.Stall;
            }
        }

        return ConsumerFaultAction.Proceed;
    }

    /// <summary>
    /// One consumer step for a received message: processes and deletes it, or acts out the crash <see cref="Decide"/> chose.
    /// A failure of <paramref name="process"/> propagates and the message is not deleted (it comes back, as in SQS).
    /// </summary>
    public async ValueTask<ConsumerFaultAction> ConsumeAsync(
        IMessageQueue queue,
        ReceivedMessage message,
        Func<ReceivedMessage, CancellationToken, ValueTask> process,
        string? target = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(queue);
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(process);
        var action = Decide(target ?? queue.Name);
        if (action == ConsumerFaultAction.Stall)
        {
            return action;
        }

        await process(message, cancellationToken).ConfigureAwait(false);
        if (action == ConsumerFaultAction.Proceed)
        {
            await queue.DeleteAsync(message.ReceiptHandle, cancellationToken).ConfigureAwait(false);
        }

        return action;
    }

    void IFaultTarget.Activate(ActiveFault fault) => _active.Add(fault);

    void IFaultTarget.Deactivate(ActiveFault fault) => _active.Remove(fault);
}
