namespace ResilienceLab.Harness.Runs;

/// <summary>
/// The run's one time zero: every offset (load seconds, arrivals, transitions, faults, depth and health samples)
/// counts from <see cref="Origin"/>, which <see cref="Restart"/> moves to the start of the measured run. It also keeps
/// the wall-clock instant of that zero, so shards of several agents line up.
/// </summary>
public sealed class RunClock
{
    private long _origin;
    private DateTimeOffset _originUtc;

    public RunClock(TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        Time = timeProvider;
        Restart();
    }

    public TimeProvider Time { get; }

    /// <summary>The timestamp offsets count from.</summary>
    public long Origin => Interlocked.Read(ref _origin);

    /// <summary>The wall-clock instant of <see cref="Origin"/>.</summary>
    public DateTimeOffset OriginUtc => _originUtc;

    public TimeSpan Elapsed => Time.GetElapsedTime(Origin);

    /// <summary>The whole second of the run now (0 in the first second; negative before a future origin).</summary>
    public int Second => (int)Math.Floor(Elapsed.TotalSeconds);

    /// <summary>Time zero is now.</summary>
    public void Restart() => Restart(null);

    /// <summary>
    /// Time zero is <paramref name="at"/> (a wall-clock instant every agent of a distributed run shares; it may lie ahead,
    /// and then offsets are negative until it comes), or now when null.
    /// </summary>
    public void Restart(DateTimeOffset? at)
    {
        var now = Time.GetTimestamp();
        var nowUtc = Time.GetUtcNow();
        if (at is not { } instant)
        {
            _originUtc = nowUtc;
            Interlocked.Exchange(ref _origin, now);
            return;
        }

        _originUtc = instant;
        Interlocked.Exchange(ref _origin, now + (long)((instant - nowUtc).TotalSeconds * Time.TimestampFrequency));
    }
}
