namespace ResilienceLab.Reporting.Model;

/// <summary>Workflow iterations over the measured part of the run (warm-up excluded).</summary>
public sealed record RunSummary
{
    public long Started { get; init; }

    public long Ok { get; init; }

    public long Failed { get; init; }

    public long Dropped { get; init; }

    public long Degraded { get; init; }

    public double RequestsPerSecond { get; init; }

    public double ErrorRate { get; init; }

    /// <summary>Latency from the intended start (coordinated omission corrected).</summary>
    public required LatencyFigures Latency { get; init; }

    /// <summary>Latency from the actual start (service time, uncorrected).</summary>
    public required LatencyFigures ServiceTime { get; init; }

    public IReadOnlyDictionary<string, long> FailedByReason { get; init; } = new Dictionary<string, long>();
}
