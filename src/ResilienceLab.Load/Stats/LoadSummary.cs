namespace ResilienceLab.Load;

/// <summary>
/// The run after warm-up. <see cref="Latency"/> runs from each iteration's intended start (corrected for coordinated
/// omission, what a user would have seen); <see cref="ServiceTime"/> from its actual start. Latency covers completed
/// iterations, ok and failed; iterations cancelled at the end of the grace period count as failed (<c>cancelled</c>).
/// <see cref="RequestsPerSecond"/> is completed iterations over the load phase (warm-up excluded, drain excluded).
/// </summary>
public sealed record LoadSummary(long Started, long Ok, long Failed, long Dropped, double RequestsPerSecond,
    LatencyPercentiles Latency, LatencyPercentiles ServiceTime, IReadOnlyDictionary<string, long> FailedByReason)
{
    /// <summary>How far actual starts lagged behind intended starts (open model; empty for the closed model).</summary>
    public LatencyPercentiles ScheduleLag { get; init; } = LatencyPercentiles.Empty;

    /// <summary>Iterations the schedule meant to start after warm-up (started + dropped, or fewer when stopped early).</summary>
    public long Scheduled => Started + Dropped;
}
