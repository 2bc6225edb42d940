namespace ResilienceLab.Load;

/// <summary>
/// One interval's HdrHistograms (a timeline second, or the whole run) in their compressed encoding (<see cref="HistogramCodec"/>): latency from the
/// intended start, service time from the actual start, and how late starts were (open model). Null where nothing was recorded.
/// </summary>
public sealed record IntervalHistograms(string? Latency, string? ServiceTime, string? ScheduleLag)
{
    public static IntervalHistograms None { get; } = new(null, null, null);
}
