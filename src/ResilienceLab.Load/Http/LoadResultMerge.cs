namespace ResilienceLab.Load.Http;

/// <summary>
/// The results of every agent of one load split across agents (<c>load --segment I/N</c>) as one: counts and request
/// rates added (the agents ran at once), the run-wide HdrHistograms added and their percentiles read again, never
/// percentiles averaged. The per-second timelines are added second by second the same way (the agents count their
/// seconds from one start instant); when an agent's result carries none, the merged result has none rather than a part.
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

        var (latency, serviceTime, scheduleLag) = Sum([.. agents.Select(a => a.Histograms)], LatencyHistograms.SummaryDigits);
        var summary = new LoadSummary(
            agents.Sum(a => a.Summary.Started),
            agents.Sum(a => a.Summary.Ok),
            agents.Sum(a => a.Summary.Failed),
            agents.Sum(a => a.Summary.Dropped),
            agents.Sum(a => a.Summary.RequestsPerSecond),
            HistogramCodec.Percentiles(latency),
            HistogramCodec.Percentiles(serviceTime),
            Failures(agents.Select(a => a.Summary.FailedByReason)))
        {
            ScheduleLag = HistogramCodec.Percentiles(scheduleLag),
        };
        return new LoadResult(agents.Max(a => a.Elapsed), summary, Timeline(agents), agents.Any(a => a.Cancelled))
        {
            Histograms = new IntervalHistograms(Encoded(latency), Encoded(serviceTime), Encoded(scheduleLag)),
        };
    }

    private static IReadOnlyList<TimelineSecond> Timeline(IReadOnlyList<LoadResult> agents)
    {
        if (agents.Any(a => a.Timeline.Count == 0))
        {
            return [];
        }

        var seconds = agents.Max(a => a.Timeline.Count);
        var merged = new List<TimelineSecond>(seconds);
        for (var second = 0; second < seconds; second++)
        {
            var parts = agents.Where(a => second < a.Timeline.Count).Select(a => a.Timeline[second]).ToList();
            var (latency, serviceTime, scheduleLag) = Sum([.. parts.Select(p => p.Histograms)], LatencyHistograms.SecondDigits);
            merged.Add(new TimelineSecond(
                second,
                parts.Sum(p => p.Started),
                parts.Sum(p => p.Ok),
                parts.Sum(p => p.Failed),
                Failures(parts.Select(p => p.FailedByReason)),
                parts.Sum(p => p.Dropped),
                parts.Sum(p => p.InFlight),
                HistogramCodec.Percentiles(latency),
                HistogramCodec.Percentiles(serviceTime))
            {
                IsWarmUp = parts.Any(p => p.IsWarmUp),
                ScheduleLag = HistogramCodec.Percentiles(scheduleLag),
                Histograms = new IntervalHistograms(Encoded(latency), Encoded(serviceTime), Encoded(scheduleLag)),
            });
        }

        return merged;
    }

    private static (HdrHistogram.LongHistogram Latency, HdrHistogram.LongHistogram ServiceTime, HdrHistogram.LongHistogram ScheduleLag) Sum(
        IReadOnlyList<IntervalHistograms> parts, int significantDigits) =>
        (HistogramCodec.Sum(parts.Select(p => p.Latency), significantDigits),
         HistogramCodec.Sum(parts.Select(p => p.ServiceTime), significantDigits),
         HistogramCodec.Sum(parts.Select(p => p.ScheduleLag), significantDigits));

    private static SortedDictionary<string, long> Failures(IEnumerable<IReadOnlyDictionary<string, long>> parts)
    {
        var failures = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var (reason, count) in parts.SelectMany(p => p))
        {
            failures[reason] = failures.GetValueOrDefault(reason) + count;
        }

        return failures;
    }

    private static string? Encoded(HdrHistogram.HistogramBase histogram) => histogram.TotalCount == 0 ? null : HistogramCodec.Encode(histogram);
}
