namespace ResilienceLab.Chaos.Faults;

/// <summary>
/// A fault while it is switched on: decides per request, call or message, from a seeded randomizer, whether it is hit,
/// and draws the hit's delay. Flapping faults hit only in the first half of each period; first-N faults stop after N hits.
/// <see cref="Ended"/> is cancelled when the fault switches off, releasing anything it holds (blackholed requests, delays).
/// </summary>
public sealed class ActiveFault
{
    private readonly Lock _lock = new();
    private readonly Random _random;
    private readonly TimeProvider _time;
    private readonly CancellationTokenSource _ended = new();
    private long _switchedOnAt;
    private long _affected;

    internal ActiveFault(FaultSpec spec, int seed, TimeProvider timeProvider)
    {
        Spec = spec;
        _random = new Random(seed);
        _time = timeProvider;
        _switchedOnAt = _time.GetTimestamp();
    }

    public FaultSpec Spec { get; }

    /// <summary>Requests, calls or messages hit so far.</summary>
    public long RequestsAffected => Interlocked.Read(ref _affected);

    /// <summary>Cancelled when the fault switches off (its end, or a rollback).</summary>
    public CancellationToken Ended => _ended.Token;

    public bool Hits() => TryHit(out _);

    public bool TryHit(out FaultHit hit)
    {
        hit = default;
        lock (_lock)
        {
            if (_ended.IsCancellationRequested)
            {
                return false;
            }

            if (Spec.Kind == FaultKind.HttpFlapping && !IsFlappingOn(_time.GetElapsedTime(_switchedOnAt), Spec.Period))
            {
                return false;
            }

            if (Spec.Kind == FaultKind.HttpFirstN && _affected >= Spec.FirstN)
            {
                return false;
            }

            if (Spec.Rate < 1.0 && _random.NextDouble() >= Spec.Rate)
            {
                return false;
            }

            // Drawn under the same lock as the hit, so the sequence of draws (and the run) replays whatever the request order.
            hit = new FaultHit(Spec.Kind switch
            {
                FaultKind.HttpDelayUniform => LatencySampler.Uniform(_random, Spec.DelayMin, Spec.DelayMax ?? Spec.DelayMin),
                FaultKind.HttpDelayLognormal => LatencySampler.Lognormal(_random, Spec.Median, Spec.Sigma, Spec.DelayMax ?? FaultConstants.DefaultLognormalCap),
                _ => Spec.Delay,
            });
            _affected++;
            return true;
        }
    }

    /// <summary>On for the first half of each period, off for the second, counting from when the fault switched on.</summary>
    internal static bool IsFlappingOn(TimeSpan sinceSwitchedOn, TimeSpan period) =>
        period <= TimeSpan.Zero || sinceSwitchedOn.Ticks % period.Ticks < period.Ticks / 2;

    internal void SwitchOn()
    {
        lock (_lock)
        {
            _switchedOnAt = _time.GetTimestamp();
        }
    }

    internal void SwitchOff() => _ended.Cancel();
}
