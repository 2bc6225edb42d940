namespace ResilienceLab.Harness.Observations;

/// <summary>The control cohort in one second: workflows ok and failed, their p99, and their latency histogram (encoded).</summary>
public sealed record ControlSample(int Second, long Ok, long Failed, double ServiceTimeP99Ms)
{
    public string? Latency { get; init; }
}
