using ResilienceLab.Infrastructure.Provisioning;
using ResilienceLab.Reporting.Model;
using ResilienceLab.Stack.Ports;

namespace ResilienceLab.Harness.Messages;

/// <summary>
/// At the end of a run, reads every queue of the plan for the run's messages (dead-letter queues: dead-lettered;
/// the others: still in flight), adds those held by consumers and waiting in outboxes, and has the ledger place every
/// message it recorded, per channel. A queue that cannot be read makes the accounting unknown, never zero.
/// </summary>
internal sealed class MessageAccountant
{
    /// <summary>The most messages read from one queue; beyond it the queue's figures are unknown.</summary>
    public const int MaxMessagesPerQueue = 100_000;

    private readonly MessageLedger _ledger;
    private readonly ResourcePlan _plan;
    private readonly Func<string, IMessageQueue> _queue;
    private readonly IReadOnlySet<string> _deadLetterQueues;

    /// <param name="ledger">The run's ledger.</param>
    /// <param name="plan">The queues to read.</param>
    /// <param name="queue">A queue by name, as the backend has it (no faults).</param>
    /// <param name="extraDeadLetterQueues">Queues that are dead-letter queues without being a redrive target (the event service's own).</param>
    public MessageAccountant(MessageLedger ledger, ResourcePlan plan, Func<string, IMessageQueue> queue, IEnumerable<string> extraDeadLetterQueues)
    {
        _ledger = ledger;
        _plan = plan;
        _queue = queue;
        _deadLetterQueues = plan.Queues.Select(q => q.RedrivePolicy?.DeadLetterQueueName).Where(n => n is not null).Select(n => n!)
            .Concat(extraDeadLetterQueues).ToHashSet(StringComparer.Ordinal);
    }

    /// <param name="pending">Message ids still waiting in producers' outboxes.</param>
    public async Task<IReadOnlyDictionary<string, MessageAccounting>> AccountAsync(IEnumerable<string> pending, CancellationToken cancellationToken)
    {
        var deadLettered = new HashSet<string>(StringComparer.Ordinal);
        var inFlight = new HashSet<string>(pending, StringComparer.Ordinal);
        inFlight.UnionWith(_ledger.Held);
        var unknown = new List<string>();
        foreach (var plan in _plan.Queues)
        {
            var into = _deadLetterQueues.Contains(plan.Name) ? deadLettered : inFlight;
            try
            {
                if (!await ReadAsync(_queue(plan.Name), into, cancellationToken).ConfigureAwait(false))
                {
                    unknown.Add($"{plan.Name} holds more than {MaxMessagesPerQueue:N0} messages");
                }
            }
            catch (PortException ex)
            {
                unknown.Add($"{plan.Name} could not be read ({ex.ErrorCode})");
            }
        }

        var why = unknown.Count == 0 ? null : string.Join("; ", unknown);
        return _ledger.Channels.ToDictionary(c => c, c => _ledger.Account(c, deadLettered, inFlight, why), StringComparer.Ordinal);
    }

    /// <summary>Receives what the queue holds (leaving it there, invisible until its visibility timeout) and keeps the run's ids; false when it held too many.</summary>
    private async Task<bool> ReadAsync(IMessageQueue queue, HashSet<string> into, CancellationToken cancellationToken)
    {
        var depth = await queue.GetDepthAsync(cancellationToken).ConfigureAwait(false);
        var seen = 0;
        var empty = 0;
        while (seen < depth.Visible && empty < 3)
        {
            if (seen >= MaxMessagesPerQueue)
            {
                return false;
            }

            // A short poll may answer from some of a queue's servers only; a long poll of a second settles it.
            var batch = await queue.ReceiveAsync(10, empty == 0 ? TimeSpan.Zero : TimeSpan.FromSeconds(1), cancellationToken).ConfigureAwait(false);
            empty = batch.Count == 0 ? empty + 1 : 0;
            seen += batch.Count;
            foreach (var message in batch)
            {
                if (MessageIdentity.Find(_ledger.RunId, message) is { } id)
                {
                    into.Add(id);
                }
            }
        }

        return true;
    }
}
