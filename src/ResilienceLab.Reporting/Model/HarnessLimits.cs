namespace ResilienceLab.Reporting.Model;

/// <summary>
/// How far the harness may fall behind in a judged window before the run is inconclusive (scenario field
/// <c>harness_limits</c>; each has a default). Beyond any of them the harness, not the system, set the figures.
/// </summary>
public sealed record HarnessLimits
{
    /// <summary>p99 of how late iterations started behind their intended start. <value>Default 25 ms.</value></summary>
    public double ScheduleLagP99Ms { get; init; } = 25;

    /// <summary>Iterations not started because max_in_flight were running. <value>Default 0.</value></summary>
    public long Dropped { get; init; }

    /// <summary>The longest thread-pool queue seen (work items waiting for a thread). <value>Default 2,000.</value></summary>
    public long ThreadPoolQueue { get; init; } = 2_000;

    /// <summary>GC pause time in any one second. <value>Default 100 ms.</value></summary>
    public double GcPauseMsPerSecond { get; init; } = 100;

    /// <summary>Mean process CPU over the window, in percent of all cores. <value>Default 90.</value></summary>
    public double CpuPercent { get; init; } = 90;

    /// <summary>p99 of the time dependency servers took beyond their intended delay. <value>Default 25 ms.</value></summary>
    public double DependencyAddedLatencyP99Ms { get; init; } = 25;
}
