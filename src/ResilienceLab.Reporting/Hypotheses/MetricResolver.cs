using ResilienceLab.Reporting.Model;

namespace ResilienceLab.Reporting.Hypotheses;

/// <summary>
/// Reads a metric off a <see cref="RunReport"/>. Metric names:
/// <list type="bullet">
/// <item><c>breaker.SERVICE.time_to_open_s</c>, <c>.time_to_close_s</c>, <c>.excess_requests_while_open</c>, <c>.transitions</c></item>
/// <item><c>WINDOW.error_rate</c>, <c>.dropped</c>, <c>.throughput_rps</c>, <c>.latency_p99_ms_median</c>, <c>.latency_p99_ms_max</c>,
/// <c>.service_time_p99_ms_median</c> (per-second p99s, so one slow second of probes does not decide it),
/// <c>WINDOW.dependency.SERVICE.error_rate</c>, <c>.attempts_per_call</c>, <c>.requests_per_second</c>, where WINDOW is
/// <c>run</c>, <c>pre_fault</c>, <c>fault</c> or <c>post_fault</c></item>
/// <item><c>queue.NAME.max_depth</c>, <c>queue.NAME.drain_s</c> (seconds after the stressed window until the queue is back to its depth before it)</item>
/// <item><c>summary.error_rate</c>, <c>summary.dropped</c>, <c>summary.latency_p99_ms</c>, <c>messages.lost</c>, <c>messages.dead_lettered</c>, <c>messages.in_flight</c></item>
/// </list>
/// A metric that cannot be observed (a breaker that never opened has no time to open) resolves to null, which fails its check.
/// </summary>
public static class MetricResolver
{
    public static readonly IReadOnlyList<string> Windows = ["run", "pre_fault", "fault", "post_fault"];

    /// <summary>Null when <paramref name="metric"/> is well-formed; otherwise why not (for validation before a run).</summary>
    public static string? Explain(string metric, IReadOnlyCollection<string> services)
    {
        ArgumentNullException.ThrowIfNull(metric);
        ArgumentNullException.ThrowIfNull(services);
        var parts = metric.Split('.');
        switch (parts[0])
        {
            case "control":
                return parts.Length == 3 && Windows.Contains(parts[1]) && parts[2] is "error_rate" or "service_time_p99_ms_median" or "error_rate_delta" or "service_time_p99_ms_median_delta"
                    ? null
                    : "control measures are control.WINDOW.(error_rate|service_time_p99_ms_median) for the control cohort, and control.WINDOW.(error_rate_delta|service_time_p99_ms_median_delta) for the experiment minus the control";
            case "breaker":
                if (parts.Length != 3 || !services.Contains(parts[1]))
                {
                    return $"expected breaker.SERVICE.MEASURE with SERVICE one of: {string.Join(", ", services)}";
                }

                return parts[2] is "time_to_open_s" or "time_to_close_s" or "excess_requests_while_open" or "transitions"
                    ? null
                    : "breaker measures are time_to_open_s, time_to_close_s, excess_requests_while_open, transitions";
            case "summary":
                return parts.Length == 2 && parts[1] is "error_rate" or "dropped" or "latency_p99_ms" or "requests_per_second" ? null
                    : "summary measures are error_rate, dropped, latency_p99_ms, requests_per_second";
            case "queue":
                return parts.Length == 3 && parts[2] is "max_depth" or "drain_s" ? null : "queue measures are queue.NAME.max_depth and queue.NAME.drain_s (seconds after the stressed window until the queue is back to its depth before it)";
            case "messages":
                return parts.Length == 2 && parts[1] is "lost" or "dead_lettered" or "in_flight" or "processed" or "sent" or "poison" or "poison_not_dead_lettered" or "dead_lettered_not_poison" ? null
                    : "messages measures are sent, processed, dead_lettered, in_flight, lost, poison, poison_not_dead_lettered, dead_lettered_not_poison";
            default:
                if (!Windows.Contains(parts[0]))
                {
                    return $"unknown metric; it starts with breaker., summary., messages. or a window ({string.Join(", ", Windows)})";
                }

                if (parts.Length == 2 && parts[1] is "error_rate" or "dropped" or "throughput_rps" or "latency_p99_ms_median" or "latency_p99_ms_max" or "service_time_p99_ms_median")
                {
                    return null;
                }

                if (parts.Length == 4 && parts[1] == "dependency" && services.Contains(parts[2]) && parts[3] is "error_rate" or "attempts_per_call" or "requests_per_second")
                {
                    return null;
                }

                return "window measures are error_rate, dropped, throughput_rps, latency_p99_ms_median, latency_p99_ms_max, service_time_p99_ms_median, dependency.SERVICE.(error_rate|attempts_per_call|requests_per_second)";
        }
    }

    public static double? Resolve(RunReport report, string metric)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(metric);
        var parts = metric.Split('.');
        switch (parts[0])
        {
            case "control":
                return ResolveControl(report, parts[1], parts[2]);
            case "breaker":
                if (!report.Dependencies.TryGetValue(parts[1], out var dependency))
                {
                    return null;
                }

                return parts[2] switch
                {
                    "time_to_open_s" => dependency.TimeToOpenS,
                    "time_to_close_s" => dependency.TimeToCloseS,
                    "excess_requests_while_open" => Math.Max(0, dependency.RequestsWhileOpen - dependency.ProbesAllowed),
                    "transitions" => dependency.BreakerTransitions.Count,
                    _ => null,
                };
            case "summary":
                return parts[1] switch
                {
                    "error_rate" => report.Summary.ErrorRate,
                    "dropped" => report.Summary.Dropped,
                    "latency_p99_ms" => report.Summary.Latency.P99Ms,
                    "requests_per_second" => report.Summary.RequestsPerSecond,
                    _ => null,
                };
            case "queue":
                return parts.Length == 3 ? ResolveQueue(report, parts[1], parts[2]) : null;
            case "messages":
                return parts[1] switch
                {
                    "sent" => report.Messages.Sent,
                    "processed" => report.Messages.Processed,
                    "dead_lettered" => report.Messages.DeadLettered,
                    "in_flight" => report.Messages.InFlight,
                    "lost" => report.Messages.Lost,
                    "poison" => Poisoned(report),
                    "poison_not_dead_lettered" => Math.Max(0, Poisoned(report) - report.Messages.DeadLettered),
                    "dead_lettered_not_poison" => Math.Max(0, report.Messages.DeadLettered - Poisoned(report)),
                    _ => null,
                };
            default:
                return ResolveWindow(report, parts);
        }
    }

    /// <summary>The seconds (inclusive start, exclusive end) a window covers.</summary>
    public static (int From, int To) WindowSeconds(RunReport report, string window)
    {
        ArgumentNullException.ThrowIfNull(report);
        var from = (int)Math.Ceiling(report.Run.WarmUpS);
        var to = report.Timeline.Count;
        if (window == "run" || StressedWindow(report) is not { } stressed)
        {
            return (from, to);
        }

        var faultStart = (int)Math.Floor(stressed.StartS);
        var faultEnd = (int)Math.Ceiling(stressed.EndS);
        return window switch
        {
            "pre_fault" => (from, Math.Max(from, faultStart)),
            "fault" => (faultStart, Math.Min(to, faultEnd)),
            "post_fault" => (Math.Min(to, faultEnd), to),
            _ => (from, to),
        };
    }

    private static double? ResolveControl(RunReport report, string window, string measure)
    {
        var (from, to) = WindowSeconds(report, window);
        var seconds = report.Timeline.Where(p => p.Second >= from && p.Second < to && p.Control is not null).ToList();
        if (seconds.Count == 0)
        {
            return null;
        }

        var ok = seconds.Sum(s => s.Control!.Ok);
        var failed = seconds.Sum(s => s.Control!.Failed);
        var controlErrorRate = ok + failed == 0 ? 0 : (double)failed / (ok + failed);
        var controlP99 = Median(seconds.Where(s => s.Control!.Ok + s.Control.Failed > 0).Select(s => s.Control!.ServiceTimeP99Ms)) ?? 0;
        return measure switch
        {
            "error_rate" => controlErrorRate,
            "service_time_p99_ms_median" => controlP99,
            "error_rate_delta" => ResolveWindow(report, [window, "error_rate"]) - controlErrorRate,
            "service_time_p99_ms_median_delta" => ResolveWindow(report, [window, "service_time_p99_ms_median"]) - controlP99,
            _ => null,
        };
    }

    /// <summary>Messages the run's poison_message faults marked (they can never be processed).</summary>
    private static long Poisoned(RunReport report) => report.Faults.Where(f => f.Kind == "poison_message").Sum(f => f.RequestsAffected);

    /// <summary>The faults' span (first start to last end), or the scenario's stress window when it has no faults.</summary>
    public static TimeWindow? StressedWindow(RunReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        if (report.Faults.Count > 0)
        {
            return new TimeWindow(report.Faults.Min(f => f.ActualStartS ?? f.StartS), report.Faults.Max(f => f.ActualEndS ?? f.EndS));
        }

        return report.StressWindow;
    }

    private static double? ResolveQueue(RunReport report, string queue, string measure)
    {
        var depths = report.Timeline.Select(p => p.Queues.TryGetValue(queue, out var q) ? q.Visible + q.InFlight : (int?)null).ToList();
        switch (measure)
        {
            case "max_depth":
                return depths.Max() ?? 0;
            case "drain_s":
                // Drained: back to the depth the queue had in normal operation before the stressed window.
                var window = StressedWindow(report);
                var start = window?.StartS ?? 0;
                var end = window?.EndS ?? 0;
                var normal = depths.Where((d, second) => second >= report.Run.WarmUpS && second + 1 <= start && d is not null).Max() ?? 0;
                var first = report.Timeline.FirstOrDefault(p => p.Second + 1 >= end && p.Queues.TryGetValue(queue, out var q) && q.Visible + q.InFlight <= normal);
                return first is null ? null : Math.Max(0, first.Second + 1 - end);
            default:
                return null;
        }
    }

    private static double? ResolveWindow(RunReport report, string[] parts)
    {
        var (from, to) = WindowSeconds(report, parts[0]);
        var seconds = report.Timeline.Where(p => p.Second >= from && p.Second < to).ToList();
        if (seconds.Count == 0)
        {
            return null;
        }

        if (parts[1] == "dependency")
        {
            var service = parts[2];
            var calls = seconds.Sum(s => s.Dependencies.TryGetValue(service, out var d) ? d.Calls : 0);
            var errors = seconds.Sum(s => s.Dependencies.TryGetValue(service, out var d) ? d.Errors : 0);
            var attempts = seconds.Sum(s => s.Dependencies.TryGetValue(service, out var d) ? d.Attempts : 0);
            var received = seconds.Sum(s => s.Dependencies.TryGetValue(service, out var d) ? d.RequestsReceived : 0);
            return parts[3] switch
            {
                "error_rate" => calls == 0 ? 0 : (double)errors / calls,
                "attempts_per_call" => calls == 0 ? 0 : (double)attempts / calls,
                "requests_per_second" => (double)received / seconds.Count,
                _ => null,
            };
        }

        var ok = seconds.Sum(s => s.Ok);
        var failed = seconds.Sum(s => s.Failed);
        return parts[1] switch
        {
            "error_rate" => ok + failed == 0 ? 0 : (double)failed / (ok + failed),
            "dropped" => seconds.Sum(s => s.Dropped),
            "throughput_rps" => (double)ok / seconds.Count,
            "latency_p99_ms_median" => Median(seconds.Where(s => s.Ok + s.Failed > 0).Select(s => s.LatencyP99Ms)),
            "latency_p99_ms_max" => seconds.Max(s => s.LatencyP99Ms),
            "service_time_p99_ms_median" => Median(seconds.Where(s => s.Ok + s.Failed > 0).Select(s => s.ServiceTimeP99Ms)),
            _ => null,
        };
    }

    private static double? Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0)
        {
            return null;
        }

        var mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}
