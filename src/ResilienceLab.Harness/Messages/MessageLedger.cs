using System.Collections.Concurrent;
using System.Globalization;
using ResilienceLab.Reporting.Model;

namespace ResilienceLab.Harness.Messages;

/// <summary>
/// Where each message of one run went, by identity. Producers record what they sent (and whether a fault marked it
/// poison); consumers record what they received and deleted after handling. At the end, the messages found in
/// dead-letter queues, still in queues or waiting in outboxes are handed in, and each sent message is placed once:
/// dead-lettered, else processed (further processings are duplicates), else in flight, else lost. Messages of other
/// runs (queues that outlive runs) are never counted.
/// </summary>
internal sealed class MessageLedger
{
    private readonly ConcurrentDictionary<string, Entry> _sent = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _held = new(StringComparer.Ordinal);
    private long _sequence;

    public MessageLedger(string runId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(runId);
        RunId = runId;
    }

    public string RunId { get; }

    /// <summary>A new message id of this run.</summary>
    public string NewId() => RunId + "/" + Interlocked.Increment(ref _sequence).ToString(CultureInfo.InvariantCulture);

    public void Sent(string channel, string id, bool poison) => _sent[id] = new Entry(channel, poison);

    /// <summary>
    /// The run's own stop cancelled the publish of <paramref name="id"/> before it returned: unless it turns up anyway
    /// (processed, dead-lettered or still queued), it was never handed to the system and is not counted at all.
    /// </summary>
    public void Withdrawn(string id)
    {
        if (_sent.TryGetValue(id, out var entry))
        {
            entry.Withdrawn = true;
        }
    }

    /// <summary>A consumer received <paramref name="id"/> under <paramref name="receiptHandle"/>.</summary>
    public void Received(string receiptHandle, string id) => _held[receiptHandle] = id;

    /// <summary>A consumer deleted what it received under <paramref name="receiptHandle"/> (it was handled).</summary>
    public void Deleted(string receiptHandle)
    {
        if (_held.TryRemove(receiptHandle, out var id) && _sent.TryGetValue(id, out var entry))
        {
            Interlocked.Increment(ref entry.Processings);
        }
    }

    /// <summary>Ids received by a consumer and not deleted (held, or waiting for their visibility timeout).</summary>
    public IReadOnlyCollection<string> Held => [.. _held.Values.Distinct(StringComparer.Ordinal)];

    /// <summary>The channels messages were sent on.</summary>
    public IReadOnlyCollection<string> Channels => [.. _sent.Values.Select(e => e.Channel).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];

    /// <summary>
    /// Places every message sent on <paramref name="channel"/>: <paramref name="deadLettered"/> (found in a dead-letter
    /// queue), processed, in flight (<paramref name="inFlight"/>: still queued, held, or in an outbox) or lost.
    /// <paramref name="unknown"/> says which queue could not be read; then the figures are incomplete and marked so.
    /// </summary>
    public MessageAccounting Account(string channel, IReadOnlySet<string> deadLettered, IReadOnlySet<string> inFlight, string? unknown)
    {
        ArgumentNullException.ThrowIfNull(deadLettered);
        ArgumentNullException.ThrowIfNull(inFlight);
        long sent = 0, processed = 0, duplicates = 0, dead = 0, flight = 0, lost = 0, poison = 0, poisonNotDead = 0, deadNotPoison = 0;
        foreach (var (id, entry) in _sent.Where(s => s.Value.Channel == channel))
        {
            sent++;
            var processings = Interlocked.Read(ref entry.Processings);
            if (entry.Poison)
            {
                poison++;
            }

            if (deadLettered.Contains(id))
            {
                dead++;
                if (!entry.Poison)
                {
                    deadNotPoison++;
                }

                continue;
            }

            if (entry.Poison)
            {
                poisonNotDead++;
            }

            if (processings > 0)
            {
                processed++;
                duplicates += processings - 1;
            }
            else if (inFlight.Contains(id))
            {
                flight++;
            }
            else if (entry.Withdrawn)
            {
                // Cancelled by the run's stop before the system took it: neither sent nor lost.
                sent--;
                if (entry.Poison)
                {
                    poison--;
                    poisonNotDead--;
                }
            }
            else
            {
                lost++;
            }
        }

        return new MessageAccounting
        {
            Sent = sent,
            Processed = processed,
            Duplicates = duplicates,
            DeadLettered = dead,
            InFlight = flight,
            Lost = lost,
            Poison = poison,
            PoisonNotDeadLettered = poisonNotDead,
            DeadLetteredNotPoison = deadNotPoison,
            Unknown = unknown,
        };
    }

    private sealed class Entry(string channel, bool poison)
    {
        public long Processings;

        public volatile bool Withdrawn;

        public string Channel { get; } = channel;

        public bool Poison { get; } = poison;
    }
}
