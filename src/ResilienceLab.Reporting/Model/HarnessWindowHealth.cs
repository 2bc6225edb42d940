namespace ResilienceLab.Reporting.Model;

/// <summary>The harness's health over one window: each signal's figure, and those over their limit.</summary>
public sealed record HarnessWindowHealth
{
    public int FromS { get; init; }

    public int ToS { get; init; }

    /// <summary>True when a check of the hypothesis reads this window, so its health decides the verdict.</summary>
    public bool Judged { get; init; }

    public double? ScheduleLagP99Ms { get; init; }

    public long Dropped { get; init; }

    public long? ThreadPoolQueueMax { get; init; }

    public double? GcPauseMsMax { get; init; }

    public double? CpuPercentMean { get; init; }

    public double? DependencyAddedLatencyP99Ms { get; init; }

    public IReadOnlyList<HarnessViolation> Violations { get; init; } = [];
}
