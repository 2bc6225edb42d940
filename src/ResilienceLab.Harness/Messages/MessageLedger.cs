using System.Collections.Concurrent;
using System.Globalization;
using ResilienceLab.Chaos.Records;
using ResilienceLab.Reporting.Model;

namespace ResilienceLab.Harness.Messages;

/// <summary>
/// Where each message of one run went, by identity. Producers record what they sent (and whether a fault marked it
/// poison); consumers record what they received and deleted after handling. At the end, the messages found in
/// dead-letter queues, still in queues or waiting in outboxes are handed in, and each sent message is placed once:
/// dead-lettered, else processed (further processings are duplicates), else in flight, else lost. Messages of other
/// runs (queues that outlive runs) are never counted.
/// A message's record is 12 bytes in a chunk indexed by its id's sequence number (ids are the run's own, numbered in
/// order), not a dictionary entry keyed by its id: a 10-minute run at 1,000 workflows/s sends ~2 million messages.
/// Given a <see cref="RecordSpill"/>, a chunk two behind the newest id is written there and let go, so memory stays
/// flat; what happens later to one of its messages (a late delivery, a redelivery) is kept beside it and added when
/// the run is counted.
/// </summary>
internal sealed class MessageLedger : IDisposable
{
    private const int ChunkBits = 16;
    private const int ChunkSize = 1 << ChunkBits;
    private static readonly Slot[] Spilled = [];
    private readonly Slot[]?[] _chunks = new Slot[]?[1 << 14];
    private readonly int[] _writers = new int[1 << 14];
    private readonly ConcurrentDictionary<long, Slot> _late = new();
    private readonly Lock _spillLock = new();
    private readonly RecordSpill? _spill;
    private bool _spillFailed;
    private long _spilledBelow;
    private readonly ConcurrentDictionary<string, string> _held = new(StringComparer.Ordinal);
    private readonly Lock _channelsLock = new();
    private readonly ConcurrentDictionary<string, int> _channelNumbers = new(StringComparer.Ordinal);
    private readonly string _prefix;
    private long _sequence;

    public MessageLedger(string runId, RecordSpill? spill = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(runId);
        RunId = runId;
        _prefix = runId + "/";
        _spill = spill;
    }

    public string RunId { get; }

    /// <summary>Chunks kept in memory (the rest are in the spill file).</summary>
    internal int ChunksInMemory => _chunks.Count(c => c is { Length: > 0 });

    /// <summary>Messages changed after their chunk was spilled (their changes are kept beside it until the run is counted).</summary>
    internal int LateRecords => _late.Count;

    /// <summary>A new message id of this run.</summary>
    public string NewId()
    {
        var sequence = Interlocked.Increment(ref _sequence);
        if (_spill is not null && (sequence & (ChunkSize - 1)) == 0)
        {
            SpillBelow((sequence >> ChunkBits) - 1);
        }

        return _prefix + sequence.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>Records <paramref name="id"/> (an id of <see cref="NewId"/>; others are not this ledger's) as sent on <paramref name="channel"/>.</summary>
    public void Sent(string channel, string id, bool poison)
    {
        if (TrySequence(id, out var sequence))
        {
            Change(sequence, Update.Sent, ChannelNumber(channel), poison);
        }
    }

    /// <summary>
    /// The run's own stop cancelled the publish of <paramref name="id"/> before it returned: unless it turns up anyway
    /// (processed, dead-lettered or still queued), it was never handed to the system and is not counted at all.
    /// </summary>
    public void Withdrawn(string id)
    {
        if (TrySequence(id, out var sequence))
        {
            Change(sequence, Update.Withdrawn);
        }
    }

    /// <summary>A consumer received <paramref name="id"/> under <paramref name="receiptHandle"/>.</summary>
    public void Received(string receiptHandle, string id) => _held[receiptHandle] = id;

    /// <summary>A consumer deleted what it received under <paramref name="receiptHandle"/> (it was handled).</summary>
    public void Deleted(string receiptHandle)
    {
        if (_held.TryRemove(receiptHandle, out var id) && TrySequence(id, out var sequence))
        {
            // Counted even if its send is not recorded yet (a consumer can be that quick); a message never sent is not counted.
            Change(sequence, Update.Processed);
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
        Slot[]? buffer = null;
        Slot[]? chunk = null;
        for (long sequence = 1; number != 0 && sequence <= last; sequence++)
        {
            if (sequence == 1 || Index(sequence) == 0)
            {
                chunk = Volatile.Read(ref _chunks[sequence >> ChunkBits]);
                if (ReferenceEquals(chunk, Spilled))
                {
                    buffer ??= new Slot[ChunkSize];
                    _spill!.Read(sequence >> ChunkBits, buffer);
                    chunk = buffer;
                }
            }

            var entry = chunk is null ? default : chunk[Index(sequence)];
            if (!_late.IsEmpty && _late.TryGetValue(sequence, out var late))
            {
                entry = entry.With(late);
            }

            if (entry.Channel != number)
            {
                continue;
            }

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

    /// <summary>
    /// Applies one change to a message's record: in its chunk, or, once the chunk is spilled, beside it in <see cref="_late"/>.
    /// A writer announces itself on the chunk before looking at it and the spiller takes the chunk before counting
    /// writers, so every change lands in the chunk before it is written or in the late records after.
    /// </summary>
    private void Change(long sequence, Update update, int channel = 0, bool poison = false)
    {
        var chunkIndex = sequence >> ChunkBits;
        Interlocked.Increment(ref _writers[chunkIndex]);
        try
        {
            var chunk = Volatile.Read(ref _chunks[chunkIndex]) ?? Allocate(chunkIndex);
            if (!ReferenceEquals(chunk, Spilled))
            {
                Apply(ref chunk[Index(sequence)], update, channel, poison);
                return;
            }
        }
        finally
        {
            Interlocked.Decrement(ref _writers[chunkIndex]);
        }

        lock (_late)
        {
            var late = _late.GetValueOrDefault(sequence);
            Apply(ref late, update, channel, poison);
            _late[sequence] = late;
        }
    }

    private static void Apply(ref Slot slot, Update update, int channel, bool poison)
    {
        switch (update)
        {
            case Update.Sent:
                slot.Poison = poison;
                Volatile.Write(ref slot.Channel, channel);
                break;
            case Update.Withdrawn:
                Volatile.Write(ref slot.Withdrawn, true);
                break;
            default:
                Interlocked.Increment(ref slot.Processings);
                break;
        }
    }

    /// <summary>Writes every chunk below <paramref name="chunkIndex"/> not written yet to the spill file and lets it go.</summary>
    private void SpillBelow(long chunkIndex)
    {
        lock (_spillLock)
        {
            for (; _spill is not null && !_spillFailed && _spilledBelow < chunkIndex; _spilledBelow++)
            {
                var chunk = Interlocked.Exchange(ref _chunks[_spilledBelow], Spilled);
                var wait = new SpinWait();
                while (Volatile.Read(ref _writers[_spilledBelow]) != 0)
                {
                    wait.SpinOnce();
                }

                try
                {
                    if (chunk is not null)
                    {
                        _spill.Write(_spilledBelow, chunk);
                    }
                }
                catch (Exception ex) when (ex is IOException or ObjectDisposedException)
                {
                    // A full disk (or a message stamped as the stack shuts down): the chunk goes back to memory
                    // (changes made meanwhile stay in the late records) and later chunks stay there too.
                    Volatile.Write(ref _chunks[_spilledBelow], chunk);
                    _spillFailed = true;
                }
            }
        }
    }

    private Slot[] Allocate(long chunkIndex)
    {
        var fresh = new Slot[ChunkSize];
        return Interlocked.CompareExchange(ref _chunks[chunkIndex], fresh, null) ?? fresh;
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

    public void Dispose()
    {
        lock (_spillLock)
        {
            _spill?.Dispose();
        }
    }

    private enum Update
    {
        Sent,
        Withdrawn,
        Processed,
    }

    /// <summary>One message: its channel's number (0 while not sent), whether a fault marked it poison, whether the run's stop withdrew it, how often it was handled.</summary>
    private struct Slot
    {
        public int Channel;
        public int Processings;
        public bool Poison;
        public bool Withdrawn;

        /// <summary>This record with what happened after it was spilled (<paramref name="late"/>) added.</summary>
        public readonly Slot With(Slot late) => new()
        {
            Channel = late.Channel != 0 ? late.Channel : Channel,
            Poison = late.Channel != 0 ? late.Poison : Poison,
            Withdrawn = Withdrawn || late.Withdrawn,
            Processings = Processings + late.Processings,
        };
    }
}
