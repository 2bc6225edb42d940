using System.Globalization;
using ResilienceLab.Reporting.Model;

namespace ResilienceLab.Reporting.Hypotheses;

/// <summary>
/// Holds a window's harness figures against the limits and words each violation as the verdict gives it, naming the
/// signal, the window and both figures ("the harness fell behind in the fault window: schedule lag p99 38 ms, limit 25 ms").
/// </summary>
public static class HarnessHealthPolicy
{
    public static HarnessWindowHealth Assess(string window, HarnessWindowHealth figures, HarnessLimits limits, bool judged)
    {
        ArgumentNullException.ThrowIfNull(figures);
        ArgumentNullException.ThrowIfNull(limits);
        var violations = new List<HarnessViolation>();
        void Over(string signal, double? observed, double limit, Func<string, string, string> sentence)
        {
            if (observed is { } value && value > limit)
            {
                violations.Add(new HarnessViolation(signal, Math.Round(value, 3), limit, sentence(N(value), N(limit))));
            }
        }

        var name = window == ReportWindows.Run ? "the run" : $"the {window.Replace('_', '-')} window";
        Over("schedule_lag_p99_ms", figures.ScheduleLagP99Ms, limits.ScheduleLagP99Ms, (o, l) => $"the harness fell behind in {name}: schedule lag p99 {o} ms, limit {l} ms");
        Over("dropped", figures.Dropped, limits.Dropped, (o, l) => $"the harness dropped {o} iterations in {name} for lack of capacity, limit {l} (raise max_in_flight or lower the rate)");
        Over("thread_pool_queue", figures.ThreadPoolQueueMax, limits.ThreadPoolQueue, (o, l) => $"the harness's thread pool fell behind in {name}: {o} work items queued, limit {l}");
        Over("gc_pause_ms", figures.GcPauseMsMax, limits.GcPauseMsPerSecond, (o, l) => $"garbage collection stalled the harness in {name}: {o} ms of pauses in one second, limit {l} ms");
        Over("cpu_percent", figures.CpuPercentMean, limits.CpuPercent, (o, l) => $"the harness ran out of CPU in {name}: {o} % of all cores on average, limit {l} %");
        Over("dependency_added_latency_p99_ms", figures.DependencyAddedLatencyP99Ms, limits.DependencyAddedLatencyP99Ms, (o, l) => $"the dependency servers fell behind in {name}: they added {o} ms (p99) beyond the delay they meant, limit {l} ms");
        return figures with { Judged = judged, Violations = violations };
    }

    private static string N(double value) => value.ToString(value >= 100 ? "#,0" : "0.#", CultureInfo.InvariantCulture);
}
