namespace ResilienceLab.Chaos.Dependencies;

/// <summary>
/// The requests a dependency server received, 8 bytes each (a long run sees millions): the offset from the run's origin
/// in microseconds, the calling instance and the number standing for its instance id, packed in one long, kept in
/// chunks of 65,536 allocated as the log grows. Appends take no lock; a read sees every append that completed before it.
/// </summary>
internal sealed class ArrivalLog
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
    private readonly long[]?[] _chunks = new long[]?[1 << 13];
    private long _count;

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
    }

    /// <summary>Every arrival appended so far, in the order the appends took their slots.</summary>
    public IEnumerable<(TimeSpan At, int Instance, int InstanceIdNumber)> Read()
    {
        var count = Math.Min(Interlocked.Read(ref _count), (long)_chunks.Length << ChunkBits);
        for (long index = 0; index < count; index++)
        {
            if (Volatile.Read(ref _chunks[index >> ChunkBits]) is { } chunk
                && Volatile.Read(ref chunk[index & (ChunkSize - 1)]) is var value and < 0)
            {
                yield return Decode(value);
            }
        }
    }

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

    private long[] Allocate(long chunkIndex)
    {
        var fresh = new long[ChunkSize];
        return Interlocked.CompareExchange(ref _chunks[chunkIndex], fresh, null) ?? fresh;
    }
}
