namespace ResilienceLab.Harness.GameDays;

/// <summary>
/// What a game day's <c>/metrics</c> shows, read once per scrape, and its Prometheus text (format 0.0.4). Names follow
/// Prometheus' conventions (base units, <c>_total</c> on counters) and pass <c>promtool check metrics</c>.
/// </summary>
public sealed record GameDayMetrics
{
    public double ElapsedSeconds { get; init; }

    public long Ok { get; init; }

    public long Errors { get; init; }

    public long Dropped { get; init; }

    public double WorkflowsPerSecond { get; init; }

    /// <summary>p99 workflow latency over the last second (corrected for coordinated omission), in ms.</summary>
    public double LatencyP99Ms { get; init; }

    public long InFlight { get; init; }

    /// <summary>Per service: calls, errors, attempts so far, and its breaker's state (0 closed, 1 half-open, 2 open; null without a breaker).</summary>
    public IReadOnlyList<(string Service, long Calls, long Errors, long Attempts, int? BreakerState)> Dependencies { get; init; } = [];

    /// <summary>Per queue, its last sampled depth.</summary>
    public IReadOnlyList<(string Queue, long Visible, long InFlight)> Queues { get; init; } = [];

    /// <summary>The faults switched on now, with their target and source (schedule or operator).</summary>
    public IReadOnlyList<(string Fault, string Target, string Source)> ActiveFaults { get; init; } = [];

    public string ToPrometheusText()
    {
        const string Workflows = "Workflows finished, by outcome.";
        var text = new PrometheusExposition()
            .Gauge("resilience_lab_gameday_elapsed_seconds", "Seconds since the game day's measured start.", ElapsedSeconds)
            .Counter("resilience_lab_workflows_total", Workflows, Ok, ("outcome", "ok"))
            .Counter("resilience_lab_workflows_total", Workflows, Errors, ("outcome", "error"))
            .Counter("resilience_lab_workflows_dropped_total", "Workflows not started for lack of capacity.", Dropped)
            .Gauge("resilience_lab_workflows_per_second", "Workflows finished in the last second.", WorkflowsPerSecond)
            .Gauge("resilience_lab_workflow_latency_p99_seconds", "p99 workflow latency over the last second, from the intended start (corrected for coordinated omission), in seconds.", LatencyP99Ms / 1000)
            .Gauge("resilience_lab_workflows_in_flight", "Workflows in flight.", InFlight);
        foreach (var d in Dependencies)
        {
            text.Counter("resilience_lab_dependency_calls_total", "Calls to a dependency.", d.Calls, ("service", d.Service))
                .Counter("resilience_lab_dependency_errors_total", "Calls to a dependency that failed.", d.Errors, ("service", d.Service))
                .Counter("resilience_lab_dependency_attempts_total", "Attempts on a dependency, retries included.", d.Attempts, ("service", d.Service));
            if (d.BreakerState is { } state)
            {
                text.Gauge("resilience_lab_breaker_state", "Circuit breaker state: 0 closed, 1 half-open, 2 open.", state, ("service", d.Service));
            }
        }

        foreach (var q in Queues)
        {
            text.Gauge("resilience_lab_queue_depth", "Messages in a queue, by state.", q.Visible, ("queue", q.Queue), ("state", "visible"))
                .Gauge("resilience_lab_queue_depth", "Messages in a queue, by state.", q.InFlight, ("queue", q.Queue), ("state", "in_flight"));
        }

        text.Gauge("resilience_lab_active_faults", "Faults switched on now.", ActiveFaults.Count);
        foreach (var f in ActiveFaults)
        {
            text.Gauge("resilience_lab_fault_active", "A fault switched on now (1), by name, target and source.", 1, ("fault", f.Fault), ("target", f.Target), ("source", f.Source));
        }

        return text.ToString();
    }
}
