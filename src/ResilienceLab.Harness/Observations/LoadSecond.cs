namespace ResilienceLab.Harness.Observations;

/// <summary>One second of the load with its histograms (two significant digits), encoded; null where nothing was recorded.</summary>
public sealed record LoadSecond
{
    public int Second { get; init; }

    public long Started { get; init; }

    public long Ok { get; init; }

    public long Failed { get; init; }

    public long Dropped { get; init; }

    public int InFlight { get; init; }

    public IReadOnlyDictionary<string, long> FailedByReason { get; init; } = new Dictionary<string, long>();

    public string? Latency { get; init; }

    public string? ServiceTime { get; init; }

    public string? ScheduleLag { get; init; }
}
