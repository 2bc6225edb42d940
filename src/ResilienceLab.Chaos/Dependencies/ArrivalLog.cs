using ResilienceLab.Chaos.Records;

namespace ResilienceLab.Chaos.Dependencies;

/// <summary>
/// The requests a dependency server received, 8 bytes each (a long run sees millions): the offset from the run's origin
/// in microseconds, the calling instance and the number standing for its instance id, packed in one long, kept in
/// chunks of 65,536 allocated as the log grows. Appends take no lock; a read sees every append that completed before it.
/// Given a <see cref="RecordSpill"/>, the append that completes a chunk writes it there and lets it go, so memory stays
/// flat however long the run (a chunk that cannot be written stays in memory).
/// </summary>
internal sealed class ArrivalLog : IDisposable
{
    /// <summary>The largest instance, or instance-id number, an arrival keeps; a larger one is kept as 0 (none).</summary>
    public const int MaxField = (1 << FieldBits) - 1;

    private const int FieldBits = 12;
    private const int OffsetBits = 39; // signed microseconds: about ±3 days from the origin
    private const long OffsetLimit = 1L << (OffsetBits - 1);
    private const long Written = long.MinValue; // bit 63: the slot holds an arrival (an append may still be filling it)
    private const int ChunkBits = 16;
    private const int ChunkSize = 1 << ChunkBits;

    // 2^13 chunks of 2^16: half a billion arrivals (over four hours at 30,000 requests a second); later ones are not kept.
    private static readonly long[] Spilled = [];
    private readonly long[]?[] _chunks = new long[]?[1 << 13];
    private readonly int[] _filled = new int[1 << 13];
    private readonly RecordSpill? _spill;
    private long _count;

    public ArrivalLog(RecordSpill? spill = null) => _spill = spill;

    /// <summary>Arrivals appended (including any past the log's capacity, which it does not keep).</summary>
    public long Count => Interlocked.Read(ref _count);

    public void Add(TimeSpan offset, int instance, int instanceIdNumber)
    {
        var index = Interlocked.Increment(ref _count) - 1;
        var chunkIndex = index >> ChunkBits;
        if (chunkIndex >= _chunks.Length)
        {
            return;
        }

        var chunk = Volatile.Read(ref _chunks[chunkIndex]) ?? Allocate(chunkIndex);
        Volatile.Write(ref chunk[index & (ChunkSize - 1)], Encode(offset, instance, instanceIdNumber));
        if (_spill is not null && Interlocked.Increment(ref _filled[chunkIndex]) == ChunkSize)
        {
            Spill(chunkIndex, chunk);
        }
    }

    /// <summary>Chunks kept in memory (the rest are in the spill file).</summary>
    internal int ChunksInMemory => _chunks.Count(c => c is { Length: > 0 });

    /// <summary>Every arrival appended so far, in the order the appends took their slots.</summary>
    public IEnumerable<(TimeSpan At, int Instance, int InstanceIdNumber)> Read()
    {
        var count = Math.Min(Interlocked.Read(ref _count), (long)_chunks.Length << ChunkBits);
        long[]? buffer = null;
        for (long chunkIndex = 0; chunkIndex << ChunkBits < count; chunkIndex++)
        {
            var chunk = Volatile.Read(ref _chunks[chunkIndex]);
            if (ReferenceEquals(chunk, Spilled))
            {
                // Written whole before it was let go.
                buffer ??= new long[ChunkSize];
                _spill!.Read(chunkIndex, buffer);
                chunk = buffer;
            }

            var end = Math.Min(ChunkSize, count - (chunkIndex << ChunkBits));
            for (var index = 0; chunk is not null && index < end; index++)
            {
                if (Volatile.Read(ref chunk[index]) is var value and < 0)
                {
                    yield return Decode(value);
                }
            }
        }
    }

    public void Dispose() => _spill?.Dispose();

    internal static long Encode(TimeSpan offset, int instance, int instanceIdNumber)
    {
        var micros = Math.Clamp(offset.Ticks / TimeSpan.TicksPerMicrosecond, -OffsetLimit, OffsetLimit - 1);
        return Written
            | ((micros & ((1L << OffsetBits) - 1)) << (2 * FieldBits))
            | ((long)Field(instance) << FieldBits)
            | (long)Field(instanceIdNumber);
    }

    internal static (TimeSpan At, int Instance, int InstanceIdNumber) Decode(long value) =>
        (TimeSpan.FromMicroseconds((value << 1) >> (1 + 2 * FieldBits)), (int)((value >> FieldBits) & MaxField), (int)(value & MaxField));

    private static int Field(int value) => value is >= 0 and <= MaxField ? value : 0;

    private void Spill(long chunkIndex, long[] chunk)
    {
        try
        {
            _spill!.Write(chunkIndex, chunk);
            Volatile.Write(ref _chunks[chunkIndex], Spilled);
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException)
        {
            // A full disk, or a request still arriving as the server shuts down: this chunk stays in memory.
        }
    }

    private long[] Allocate(long chunkIndex)
    {
        var fresh = new long[ChunkSize];
        return Interlocked.CompareExchange(ref _chunks[chunkIndex], fresh, null) ?? fresh;
    }
}
