namespace ResilienceLab.Reporting.Model;

public sealed record LatencyFigures(double P50Ms, double P95Ms, double P99Ms, double MaxMs, double MeanMs);
