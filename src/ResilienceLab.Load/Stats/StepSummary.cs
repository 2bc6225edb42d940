namespace ResilienceLab.Load;

/// <summary>A named step's latency over the whole run and per second.</summary>
public sealed record StepSummary(string Step, LatencyPercentiles Latency, IReadOnlyList<StepSecond> Timeline);
