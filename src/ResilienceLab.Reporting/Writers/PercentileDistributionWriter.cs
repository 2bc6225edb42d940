using System.Globalization;
using HdrHistogram;
using ResilienceLab.Load;

namespace ResilienceLab.Reporting.Writers;

/// <summary>
/// <c>latency.hgrm</c> and <c>service-time.hgrm</c>: a run's histogram in HdrHistogram's percentile-distribution text
/// (values in milliseconds, 5 ticks per half distance), the format wrk2 prints and HdrHistogram's plotter reads.
/// </summary>
public static class PercentileDistributionWriter
{
    public const string LatencyFile = "latency.hgrm";
    public const string ServiceTimeFile = "service-time.hgrm";

    /// <summary>The distribution of an encoded histogram (microseconds), or null when nothing was recorded.</summary>
    public static string? Render(string? encoded)
    {
        if (encoded is null)
        {
            return null;
        }

        var histogram = HistogramCodec.Decode(encoded);
        if (histogram.TotalCount == 0)
        {
            return null;
        }

        using var text = new StringWriter(CultureInfo.InvariantCulture);
        histogram.OutputPercentileDistribution(text, percentileTicksPerHalfDistance: 5, outputValueUnitScalingRatio: 1000.0, useCsvFormat: false);
        return text.ToString();
    }

    /// <summary>The two files of a run, for the files beside report.json (those without data left out).</summary>
    public static IEnumerable<(string FileName, string Content)> Files(string? latency, string? serviceTime)
    {
        if (Render(latency) is { } l)
        {
            yield return (LatencyFile, l);
        }

        if (Render(serviceTime) is { } s)
        {
            yield return (ServiceTimeFile, s);
        }
    }
}
