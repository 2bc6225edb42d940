namespace ResilienceLab.Load.Http;

/// <summary>
/// The results of every agent of one load split across agents (<c>load --segment I/N</c>) as one: counts and request
/// rates added (the agents ran at once), the run-wide HdrHistograms added and their percentiles read again, never
/// percentiles averaged. The per-second timeline is not carried by an agent's summary, so the merged one has none.
/// </summary>
public static class LoadResultMerge
{
    public static LoadResult Merge(IReadOnlyList<LoadResult> agents)
    {
        ArgumentNullException.ThrowIfNull(agents);
        if (agents.Count == 0)
        {
            throw new ArgumentException("no results to merge", nameof(agents));
        }

        var latency = HistogramCodec.Sum(agents.Select(a => a.Histograms.Latency), LatencyHistograms.SummaryDigits);
        var serviceTime = HistogramCodec.Sum(agents.Select(a => a.Histograms.ServiceTime), LatencyHistograms.SummaryDigits);
        var scheduleLag = HistogramCodec.Sum(agents.Select(a => a.Histograms.ScheduleLag), LatencyHistograms.SummaryDigits);
        var failures = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var (reason, count) in agents.SelectMany(a => a.Summary.FailedByReason))
        {
            failures[reason] = failures.GetValueOrDefault(reason) + count;
        }

        var summary = new LoadSummary(
            agents.Sum(a => a.Summary.Started),
            agents.Sum(a => a.Summary.Ok),
            agents.Sum(a => a.Summary.Failed),
            agents.Sum(a => a.Summary.Dropped),
            agents.Sum(a => a.Summary.RequestsPerSecond),
            HistogramCodec.Percentiles(latency),
            HistogramCodec.Percentiles(serviceTime),
            failures)
        {
            ScheduleLag = HistogramCodec.Percentiles(scheduleLag),
        };
        return new LoadResult(agents.Max(a => a.Elapsed), summary, [], agents.Any(a => a.Cancelled))
        {
            Histograms = new IntervalHistograms(Encoded(latency), Encoded(serviceTime), Encoded(scheduleLag)),
        };
    }

    private static string? Encoded(HdrHistogram.HistogramBase histogram) => histogram.TotalCount == 0 ? null : HistogramCodec.Encode(histogram);
}
