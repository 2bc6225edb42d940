namespace ResilienceLab.Reporting.Model;

/// <summary>A point of the latency percentile spectrum: percentile (0–100) and its latency.</summary>
public sealed record SpectrumPoint(double Percentile, double LatencyMs);
