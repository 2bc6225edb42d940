namespace ResilienceLab.Load;

/// <summary>
/// One second of the run. Every iteration is counted in the second of its intended start, so a stall shows up where the
/// affected users arrived. <see cref="InFlight"/> is sampled when the second ended.
/// </summary>
public sealed record TimelineSecond(int Second, long Started, long Ok, long Failed, IReadOnlyDictionary<string, long> FailedByReason,
    long Dropped, int InFlight, LatencyPercentiles Latency, LatencyPercentiles ServiceTime)
{
    /// <summary>True when the second lies in the warm-up (excluded from the summary).</summary>
    public bool IsWarmUp { get; init; }

    /// <summary>How late the second's iterations started behind their intended start (open model). <value>Default empty.</value></summary>
    public LatencyPercentiles ScheduleLag { get; init; } = LatencyPercentiles.Empty;

    /// <summary>The second's histograms, encoded, for adding seconds into windows. <value>Default none.</value></summary>
    public IntervalHistograms Histograms { get; init; } = IntervalHistograms.None;
}
