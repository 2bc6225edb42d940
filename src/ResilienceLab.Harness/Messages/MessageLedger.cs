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
/// A message's record is 8 bytes in a chunk indexed by its id's sequence number (ids are the run's own, numbered in
/// order), not a dictionary entry keyed by its id: a 10-minute run at 1,000 workflows/s sends ~2 million messages.
/// </summary>
internal sealed class MessageLedger
{
    private const int ChunkBits = 16;
    private const int ChunkSize = 1 << ChunkBits;
    private readonly Slot[]?[] _chunks = new Slot[]?[1 << 14];
    private readonly ConcurrentDictionary<string, string> _held = new(StringComparer.Ordinal);
    private readonly Lock _channelsLock = new();
    private readonly ConcurrentDictionary<string, int> _channelNumbers = new(StringComparer.Ordinal);
    private readonly string _prefix;
    private long _sequence;

    public MessageLedger(string runId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(runId);
        RunId = runId;
        _prefix = runId + "/";
    }

    public string RunId { get; }

    /// <summary>A new message id of this run.</summary>
    public string NewId() => _prefix + Interlocked.Increment(ref _sequence).ToString(CultureInfo.InvariantCulture);

    /// <summary>Records <paramref name="id"/> (an id of <see cref="NewId"/>; others are not this ledger's) as sent on <paramref name="channel"/>.</summary>
    public void Sent(string channel, string id, bool poison)
    {
        if (!TrySequence(id, out var sequence))
        {
            return;
        }

        ref var slot = ref SlotAt(sequence);
        slot.Poison = poison;
        Volatile.Write(ref slot.Channel, ChannelNumber(channel));
    }

    /// <summary>
    /// The run's own stop cancelled the publish of <paramref name="id"/> before it returned: unless it turns up anyway
    /// (processed, dead-lettered or still queued), it was never handed to the system and is not counted at all.
    /// </summary>
    public void Withdrawn(string id)
    {
        if (SentChunk(id, out var index) is { } chunk)
        {
            Volatile.Write(ref chunk[index].Withdrawn, true);
        }
    }

    /// <summary>A consumer received <paramref name="id"/> under <paramref name="receiptHandle"/>.</summary>
    public void Received(string receiptHandle, string id) => _held[receiptHandle] = id;

    /// <summary>A consumer deleted what it received under <paramref name="receiptHandle"/> (it was handled).</summary>
    public void Deleted(string receiptHandle)
    {
        if (_held.TryRemove(receiptHandle, out var id) && SentChunk(id, out var index) is { } chunk)
        {
            Interlocked.Increment(ref chunk[index].Processings);
        }
    }

    /// <summary>Ids received by a consumer and not deleted (held, or waiting for their visibility timeout).</summary>
    public IReadOnlyCollection<string> Held => [.. _held.Values.Distinct(StringComparer.Ordinal)];

    /// <summary>The channels messages were sent on.</summary>
    public IReadOnlyCollection<string> Channels => [.. _channelNumbers.Keys.Order(StringComparer.Ordinal)];

    /// <summary>
    /// Places every message sent on <paramref name="channel"/>: <paramref name="deadLettered"/> (found in a dead-letter
    /// queue), processed, in flight (<paramref name="inFlight"/>: still queued, held, or in an outbox) or lost.
    /// <paramref name="unknown"/> says which queue could not be read; then the figures are incomplete and marked so.
    /// </summary>
    public MessageAccounting Account(string channel, IReadOnlySet<string> deadLettered, IReadOnlySet<string> inFlight, string? unknown)
    {
        ArgumentNullException.ThrowIfNull(deadLettered);
        ArgumentNullException.ThrowIfNull(inFlight);
        var number = _channelNumbers.GetValueOrDefault(channel);
        var dead = Sequences(deadLettered);
        var flying = Sequences(inFlight);
        long sent = 0, processed = 0, duplicates = 0, deadCount = 0, flight = 0, lost = 0, poison = 0, poisonNotDead = 0, deadNotPoison = 0;
        var last = Interlocked.Read(ref _sequence);
        for (long sequence = 1; number != 0 && sequence <= last; sequence++)
        {
            if (ChunkOf(sequence) is not { } chunk || Volatile.Read(ref chunk[Index(sequence)].Channel) != number)
            {
                continue;
            }

            var entry = chunk[Index(sequence)];
            sent++;
            if (entry.Poison)
            {
                poison++;
            }

            if (dead.Contains(sequence))
            {
                deadCount++;
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

            if (entry.Processings > 0)
            {
                processed++;
                duplicates += entry.Processings - 1;
            }
            else if (flying.Contains(sequence))
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
            DeadLettered = deadCount,
            InFlight = flight,
            Lost = lost,
            Poison = poison,
            PoisonNotDeadLettered = poisonNotDead,
            DeadLetteredNotPoison = deadNotPoison,
            Unknown = unknown,
        };
    }

    private static int Index(long sequence) => (int)(sequence & (ChunkSize - 1));

    /// <summary>The sequence number of one of this run's ids (false for another run's, or one never handed out).</summary>
    private bool TrySequence(string id, out long sequence)
    {
        sequence = 0;
        return id.StartsWith(_prefix, StringComparison.Ordinal)
            && long.TryParse(id.AsSpan(_prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out sequence)
            && sequence >= 1 && sequence <= Interlocked.Read(ref _sequence) && (sequence >> ChunkBits) < _chunks.Length;
    }

    private Slot[]? ChunkOf(long sequence) => Volatile.Read(ref _chunks[sequence >> ChunkBits]);

    /// <summary>The chunk holding <paramref name="id"/>'s record and its index there, or null when the id was not sent in this run.</summary>
    private Slot[]? SentChunk(string id, out int index)
    {
        index = 0;
        if (!TrySequence(id, out var sequence) || ChunkOf(sequence) is not { } chunk || Volatile.Read(ref chunk[Index(sequence)].Channel) == 0)
        {
            return null;
        }

        index = Index(sequence);
        return chunk;
    }

    private ref Slot SlotAt(long sequence)
    {
        var index = (int)(sequence >> ChunkBits);
        var chunk = Volatile.Read(ref _chunks[index]);
        if (chunk is null)
        {
            var fresh = new Slot[ChunkSize];
            chunk = Interlocked.CompareExchange(ref _chunks[index], fresh, null) ?? fresh;
        }

        return ref chunk[Index(sequence)];
    }

    private HashSet<long> Sequences(IReadOnlySet<string> ids)
    {
        var sequences = new HashSet<long>();
        foreach (var id in ids)
        {
            if (TrySequence(id, out var sequence))
            {
                sequences.Add(sequence);
            }
        }

        return sequences;
    }

    /// <summary>The channel's number (from 1), registered on first use.</summary>
    private int ChannelNumber(string channel)
    {
        if (_channelNumbers.TryGetValue(channel, out var number))
        {
            return number;
        }

        lock (_channelsLock)
        {
            return _channelNumbers.GetOrAdd(channel, _channelNumbers.Count + 1);
        }
    }

    /// <summary>One message: its channel's number (0 while not sent), whether a fault marked it poison, whether the run's stop withdrew it, how often it was handled.</summary>
    private struct Slot
    {
        public int Channel;
        public int Processings;
        public bool Poison;
        public bool Withdrawn;
    }
}
