namespace ResilienceLab.Reporting.Model;

/// <summary>The control cohort over a window: its workflows and their latency from the window's histograms added together.</summary>
public sealed record ControlWindowFigures(long Ok, long Failed, LatencyFigures Latency);
