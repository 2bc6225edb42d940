namespace ResilienceLab.Harness.Observations;

/// <summary>The control cohort in one second: workflows ok and failed, and their p99 service time.</summary>
public sealed record ControlSample(int Second, long Ok, long Failed, double ServiceTimeP99Ms);
