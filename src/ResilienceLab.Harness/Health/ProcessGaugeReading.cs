namespace ResilienceLab.Harness.Health;

/// <summary>Cumulative process figures at one instant: CPU time used, GC pause time, and the thread pool's queue now.</summary>
public readonly record struct ProcessGaugeReading(TimeSpan CpuTime, TimeSpan GcPause, long ThreadPoolQueue);
