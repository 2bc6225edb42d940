namespace ResilienceLab.Load;

/// <summary>The outcome of one run: the summary (warm-up excluded), the per-second timeline and whether it was stopped early.</summary>
public sealed record LoadResult(TimeSpan Elapsed, LoadSummary Summary, IReadOnlyList<TimelineSecond> Timeline, bool Cancelled)
{
    /// <summary>The run's histograms (warm-up excluded, three significant digits), encoded. <value>Default none.</value></summary>
    public IntervalHistograms Histograms { get; init; } = IntervalHistograms.None;

    /// <summary>The percentile spectrum of <see cref="LoadSummary.Latency"/>, for a percentile plot (HdrHistogram's iteration, 5 ticks per half distance).</summary>
    public IReadOnlyList<(double Percentile, double LatencyMs)> LatencySpectrum { get; init; } = [];

    /// <summary>The percentile spectrum of <see cref="LoadSummary.ServiceTime"/>.</summary>
    public IReadOnlyList<(double Percentile, double LatencyMs)> ServiceTimeSpectrum { get; init; } = [];
}
