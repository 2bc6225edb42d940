namespace ResilienceLab.Harness.Health;

/// <summary>
/// One second of the harness process: the longest thread-pool queue seen in it, GC pause time and CPU (percent of all
/// cores) spent in it.
/// </summary>
public sealed record HarnessSample(int Second, long ThreadPoolQueueMax, double GcPauseMs, double CpuPercent);
