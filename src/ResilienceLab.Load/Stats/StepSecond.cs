namespace ResilienceLab.Load;

/// <summary>One second of one step's latency (keyed by the second the latency was recorded in).</summary>
public sealed record StepSecond(int Second, LatencyPercentiles Latency);
