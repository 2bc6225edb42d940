namespace ResilienceLab.Reporting.Model;

/// <summary>Latency percentiles in milliseconds; <see cref="P90Ms"/>, <see cref="P999Ms"/> and <see cref="Count"/> where known.</summary>
public sealed record LatencyFigures(double P50Ms, double P95Ms, double P99Ms, double MaxMs, double MeanMs)
{
    public double P90Ms { get; init; }

    public double P999Ms { get; init; }

    /// <summary>How many latencies the figures are taken over. <value>Default 0.</value></summary>
    public long Count { get; init; }
}
