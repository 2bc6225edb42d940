namespace ResilienceLab.Load;

/// <summary>Latency percentiles in milliseconds over <see cref="Count"/> samples (all zero when there are none).</summary>
public readonly record struct LatencyPercentiles(double P50Ms, double P95Ms, double P99Ms, double MaxMs, double MeanMs, long Count)
{
    public static LatencyPercentiles Empty { get; } = new(0, 0, 0, 0, 0, 0);

    /// <summary>The 90th percentile. <value>Default 0.</value></summary>
    public double P90Ms { get; init; }

    /// <summary>The 99.9th percentile. <value>Default 0.</value></summary>
    public double P999Ms { get; init; }
}
