namespace ResilienceLab.Reporting.Model;

/// <summary>
/// One judged window (<c>run</c>, <c>pre_fault</c>, <c>fault</c>, <c>post_fault</c>) over whole seconds
/// [<see cref="FromS"/>, <see cref="ToS"/>): its workflows by intended start, and latency percentiles taken from the
/// window's per-second HdrHistograms added together (never a median or mean of per-second figures).
/// </summary>
public sealed record WindowFigures
{
    public int FromS { get; init; }

    public int ToS { get; init; }

    public long Started { get; init; }

    public long Ok { get; init; }

    public long Failed { get; init; }

    public long Dropped { get; init; }

    /// <summary>Latency from the intended start (corrected for coordinated omission).</summary>
    public required LatencyFigures Latency { get; init; }

    /// <summary>Latency from the actual start (service time).</summary>
    public required LatencyFigures ServiceTime { get; init; }

    /// <summary>How late iterations started behind their intended start.</summary>
    public LatencyFigures? ScheduleLag { get; init; }

    /// <summary>The control cohort over the same window; null when the scenario runs none.</summary>
    public ControlWindowFigures? Control { get; init; }

    public int Seconds => Math.Max(0, ToS - FromS);
}
