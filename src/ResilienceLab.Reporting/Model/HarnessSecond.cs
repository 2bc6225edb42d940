namespace ResilienceLab.Reporting.Model;

/// <summary>
/// The harness's own health in one second: how late iterations started (p99), iterations dropped for lack of capacity,
/// the thread pool's longest queue, GC pause time, process CPU (percent of all cores) and the dependency servers' own
/// added latency (p99 over all of them). Null figures were not measured in that second.
/// </summary>
public sealed record HarnessSecond
{
    public double? ScheduleLagP99Ms { get; init; }

    public long Dropped { get; init; }

    public long? ThreadPoolQueue { get; init; }

    public double? GcPauseMs { get; init; }

    public double? CpuPercent { get; init; }

    public double? DependencyAddedP99Ms { get; init; }
}
