namespace ResilienceLab.Harness.Runs;

/// <summary>A thread-safe view of one seeded <see cref="Random"/>, handed to the stack as its jitter source.</summary>
internal sealed class SeededRandom
{
    private readonly Random _random;
    private readonly Lock _lock = new();

    public SeededRandom(int seed) => _random = new Random(seed);

    public double NextDouble()
    {
        lock (_lock)
        {
            return _random.NextDouble();
        }
    }
}
