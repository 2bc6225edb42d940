using HdrHistogram;

namespace ResilienceLab.Load;

/// <summary>HdrHistogram conventions shared by the engine: values in microseconds, 1 µs to 1 h, clamped into range.</summary>
internal static class LatencyHistograms
{
    /// <summary>The largest recordable value (one hour in microseconds); longer latencies are recorded as this.</summary>
    public const long HighestMicroseconds = 3_600_000_000;

    /// <summary>Run-wide histograms: three significant digits (0.1 %).</summary>
    public const int SummaryDigits = 3;

    /// <summary>Per-second histograms: two significant digits (1 %), 26 kB each, so they stay off the large-object heap.</summary>
    public const int SecondDigits = 2;

    public static LongConcurrentHistogram Create(int significantDigits) => new(1, HighestMicroseconds, significantDigits);

    public static long ToMicroseconds(TimeSpan value) => Math.Clamp(value.Ticks / (TimeSpan.TicksPerMillisecond / 1000), 0, HighestMicroseconds);

    public static void Record(HistogramBase histogram, TimeSpan value) => histogram.RecordValue(ToMicroseconds(value));

    public static LatencyPercentiles Percentiles(HistogramBase histogram)
    {
        var count = histogram.TotalCount;
        if (count == 0)
        {
            return LatencyPercentiles.Empty;
        }

        return new LatencyPercentiles(
            Milliseconds(histogram.GetValueAtPercentile(50)),
            Milliseconds(histogram.GetValueAtPercentile(95)),
            Milliseconds(histogram.GetValueAtPercentile(99)),
            Milliseconds(histogram.GetMaxValue()),
            histogram.GetMean() / 1000.0,
            count)
        {
            P90Ms = Milliseconds(histogram.GetValueAtPercentile(90)),
            P999Ms = Milliseconds(histogram.GetValueAtPercentile(99.9)),
        };
    }

    public static IReadOnlyList<(double Percentile, double LatencyMs)> Spectrum(HistogramBase histogram)
    {
        if (histogram.TotalCount == 0)
        {
            return [];
        }

        return [.. histogram.Percentiles(5).Select(v => (v.Percentile, Milliseconds(v.ValueIteratedTo)))];
    }

    private static double Milliseconds(long microseconds) => microseconds / 1000.0;
}
