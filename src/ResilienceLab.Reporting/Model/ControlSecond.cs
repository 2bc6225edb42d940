namespace ResilienceLab.Reporting.Model;

/// <summary>The control cohort in one second: workflows ok and failed, and their p99 service time.</summary>
public sealed record ControlSecond(long Ok, long Failed, double ServiceTimeP99Ms);
