namespace ResilienceLab.Chaos.Faults;

/// <summary>A fault while it is switched on: decides per request, from a seeded randomizer, whether the request is hit.</summary>
internal sealed class ActiveFault
{
    private readonly Lock _lock = new();
    private readonly Random _random;
    private long _affected;

    public ActiveFault(FaultSpec spec, int seed)
    {
        Spec = spec;
        _random = new Random(seed);
    }

    public FaultSpec Spec { get; }

    public long RequestsAffected => Interlocked.Read(ref _affected);

    public bool Hits()
    {
        bool hit;
        lock (_lock)
        {
            hit = Spec.Rate >= 1.0 || _random.NextDouble() < Spec.Rate;
        }

        if (hit)
        {
            Interlocked.Increment(ref _affected);
        }

        return hit;
    }
}
