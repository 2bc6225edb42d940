namespace ResilienceLab.Reporting.Model;

/// <summary>A span of the run in seconds from its start.</summary>
public sealed record TimeWindow(double StartS, double EndS);
