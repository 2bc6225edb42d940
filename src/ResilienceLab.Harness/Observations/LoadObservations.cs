namespace ResilienceLab.Harness.Observations;

/// <summary>
/// The load's seconds (each iteration counted in the second of its intended start) and the run's histograms after
/// warm-up (three significant digits), in HdrHistogram's compressed encoding.
/// </summary>
public sealed record LoadObservations
{
    public IReadOnlyList<LoadSecond> Seconds { get; init; } = [];

    public string? Latency { get; init; }

    public string? ServiceTime { get; init; }

    public string? ScheduleLag { get; init; }

    /// <summary>Iterations after warm-up: started, ok, failed, dropped, and failures by reason.</summary>
    public long Started { get; init; }

    public long Ok { get; init; }

    public long Failed { get; init; }

    public long Dropped { get; init; }

    public IReadOnlyDictionary<string, long> FailedByReason { get; init; } = new Dictionary<string, long>();

    /// <summary>True when the load was stopped before its end.</summary>
    public bool Cancelled { get; init; }
}
