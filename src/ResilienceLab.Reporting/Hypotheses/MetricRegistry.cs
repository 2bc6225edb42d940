using ResilienceLab.Reporting.Model;

namespace ResilienceLab.Reporting.Hypotheses;

/// <summary>
/// Every metric a hypothesis check can name, in one list: its pattern, what it measures, its unit, which way is worse,
/// what a run without data for it gives, and how it is read off a report. Validation (<see cref="Explain"/>), judging
/// (<see cref="Resolve"/>), comparison floors and the README's table all come from here.
/// </summary>
public static class MetricRegistry
{
    private const string NoWorkflows = "no workflow finished in the window";
    private const string NoArrivals = "no workflow was due in the window";
    private const string NoCalls = "no call to the service in the window";
    private const string EmptyWindow = "the window has no seconds";
    private const string NotSharedThroughTable = "the service's breaker is not shared through the breaker table";
    private const string RequestsNotRecorded = "no server of this run saw the service's requests (a real endpoint, or dependencies hosted by another process: merge with their records)";

    private static readonly Lazy<IReadOnlyList<MetricDefinition>> Definitions = new(Build);

    private static readonly (string Suffix, string Label, Func<LatencyFigures, double> Read)[] Percentiles =
    [
        ("p50_ms", "50th", f => f.P50Ms),
        ("p90_ms", "90th", f => f.P90Ms),
        ("p95_ms", "95th", f => f.P95Ms),
        ("p99_ms", "99th", f => f.P99Ms),
        ("p999_ms", "99.9th", f => f.P999Ms),
        ("max_ms", "highest", f => f.MaxMs),
    ];

    public static IReadOnlyList<MetricDefinition> All => Definitions.Value;

    /// <summary>Null when <paramref name="metric"/> names a metric of this registry (with a known service); otherwise why not.</summary>
    public static string? Explain(string metric, IReadOnlyCollection<string> services)
    {
        ArgumentNullException.ThrowIfNull(metric);
        ArgumentNullException.ThrowIfNull(services);
        var parts = metric.Split('.');
        foreach (var definition in All)
        {
            if (Match(definition, parts, services, out _) is null)
            {
                return null;
            }
        }

        var family = All.Where(d => SameFamily(d, parts)).ToList();
        if (family.Count == 0)
        {
            return $"unknown metric; it starts with breaker., summary., messages., queue., control. or a window ({string.Join(", ", ReportWindows.All)})";
        }

        // A name that fits a pattern but for one parameter (an unknown service, say) is told about that parameter.
        foreach (var definition in family)
        {
            if (Match(definition, parts, services, out _) is { Length: > 0 } problem)
            {
                return problem;
            }
        }

        return $"{(family[0].Parts[0] == "WINDOW" ? "window" : parts[0])} metrics are: {string.Join(", ", family.Select(d => d.Pattern))}";
    }

    /// <summary>The definition <paramref name="metric"/> names, or null.</summary>
    public static MetricDefinition? Find(string metric)
    {
        ArgumentNullException.ThrowIfNull(metric);
        var parts = metric.Split('.');
        return All.FirstOrDefault(d => Match(d, parts, services: null, out _) is null);
    }

    /// <summary>
    /// The window whose data decide <paramref name="metric"/>, so its harness health is judged: a window metric's own;
    /// <c>fault</c> for a breaker's time to open, <c>post_fault</c> for its time to close; <c>run</c> for the rest.
    /// </summary>
    public static string WindowOf(string metric)
    {
        ArgumentNullException.ThrowIfNull(metric);
        var parts = metric.Split('.');
        return parts switch
        {
            [var window, ..] when ReportWindows.All.Contains(window) => window,
            ["control", var window, ..] when ReportWindows.All.Contains(window) => window,
            ["breaker", _, "time_to_open_s"] => ReportWindows.Fault,
            ["breaker", _, "time_to_close_s"] => ReportWindows.PostFault,
            _ => ReportWindows.Run,
        };
    }

    /// <summary>Reads <paramref name="metric"/> off <paramref name="report"/>; an unknown metric or service is not observed.</summary>
    public static MetricValue Resolve(RunReport report, string metric)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(metric);
        var parts = metric.Split('.');
        foreach (var definition in All)
        {
            if (Match(definition, parts, services: null, out var arguments) is null)
            {
                if (arguments.Service is { } service && !report.Dependencies.ContainsKey(service))
                {
                    return MetricValue.NotObserved($"the run has no service '{service}'");
                }

                return definition.Resolve(report, arguments);
            }
        }

        return MetricValue.NotObserved("unknown metric");
    }

    private static bool IsParameter(string part) => part.Length > 0 && part.All(c => char.IsUpper(c) || c == '_');

    private static bool SameFamily(MetricDefinition definition, string[] parts) =>
        definition.Parts[0] == parts[0] || (definition.Parts[0] == "WINDOW" && ReportWindows.All.Contains(parts[0]));

    /// <summary>Null when <paramref name="parts"/> match; "" when they do not; a message when only a parameter is wrong.</summary>
    private static string? Match(MetricDefinition definition, string[] parts, IReadOnlyCollection<string>? services, out MetricArguments arguments)
    {
        arguments = new MetricArguments();
        if (definition.Parts.Count != parts.Length)
        {
            return string.Empty;
        }

        string? parameterProblem = null;
        for (var i = 0; i < parts.Length; i++)
        {
            var expected = definition.Parts[i];
            var actual = parts[i];
            switch (expected)
            {
                case "WINDOW":
                    if (!ReportWindows.All.Contains(actual))
                    {
                        return i == 0 ? string.Empty : $"the window must be one of: {string.Join(", ", ReportWindows.All)}";
                    }

                    arguments = arguments with { Window = actual };
                    break;
                case "SERVICE":
                    if (actual.Length == 0)
                    {
                        return string.Empty;
                    }

                    if (services is not null && !services.Contains(actual))
                    {
                        parameterProblem ??= $"unknown service '{actual}'; services: {string.Join(", ", services)}";
                    }

                    arguments = arguments with { Service = actual };
                    break;
                case "QUEUE":
                    if (actual.Length == 0)
                    {
                        return string.Empty;
                    }

                    arguments = arguments with { Queue = actual };
                    break;
                case "CHANNEL":
                    if (actual.Length == 0)
                    {
                        return string.Empty;
                    }

                    arguments = arguments with { Channel = actual };
                    break;
                default:
                    if (!string.Equals(expected, actual, StringComparison.Ordinal))
                    {
                        return string.Empty;
                    }

                    break;
            }
        }

        return parameterProblem;
    }

    private static List<MetricDefinition> Build()
    {
        var list = new List<MetricDefinition>();
        foreach (var (suffix, label, read) in Percentiles)
        {
            list.Add(new MetricDefinition(
                $"WINDOW.latency_{suffix}",
                $"{label} percentile of workflow latency from the intended start (corrected for coordinated omission), over the whole window",
                MetricUnit.Milliseconds,
                MetricDirection.HigherIsWorse,
                "not observed when no workflow finished in the window",
                (r, a) => WindowLatency(r, a.Window!, w => w.Latency, read)));
            list.Add(new MetricDefinition(
                $"WINDOW.service_time_{suffix}",
                $"{label} percentile of workflow service time (from the actual start; diagnosis), over the whole window",
                MetricUnit.Milliseconds,
                MetricDirection.HigherIsWorse,
                "not observed when no workflow finished in the window",
                (r, a) => WindowLatency(r, a.Window!, w => w.ServiceTime, read)));
        }

        list.AddRange(
        [
            new("WINDOW.latency_p99_ms_median", "median of the window's per-second p99 latencies (diagnosis: hides up to half the window)", MetricUnit.Milliseconds, MetricDirection.HigherIsWorse,
                "not observed when no workflow finished in the window", (r, a) => PerSecond(r, a.Window!, p => p.LatencyP99Ms, Median)),
            new("WINDOW.latency_p99_ms_max", "highest per-second p99 latency in the window (diagnosis)", MetricUnit.Milliseconds, MetricDirection.HigherIsWorse,
                "not observed when no workflow finished in the window", (r, a) => PerSecond(r, a.Window!, p => p.LatencyP99Ms, v => v.Max())),
            new("WINDOW.service_time_p99_ms_median", "median of the window's per-second p99 service times (diagnosis)", MetricUnit.Milliseconds, MetricDirection.HigherIsWorse,
                "not observed when no workflow finished in the window", (r, a) => PerSecond(r, a.Window!, p => p.ServiceTimeP99Ms, Median)),
            new("WINDOW.error_rate", "failed workflows over finished workflows in the window", MetricUnit.Rate, MetricDirection.HigherIsWorse,
                "not observed when no workflow finished in the window", (r, a) => Window(r, a.Window!, w => MetricValue.Ratio(w.Failed, w.Ok + w.Failed, NoWorkflows))),
            new("WINDOW.dropped", "workflows due in the window that were not started because max_in_flight were already running", MetricUnit.Count, MetricDirection.HigherIsWorse,
                "not observed when no workflow was due in the window", (r, a) => Window(r, a.Window!, w => w.Started + w.Dropped == 0 ? MetricValue.NotObserved(NoArrivals) : MetricValue.Of(w.Dropped))),
            new("WINDOW.throughput_rps", "workflows that finished ok per second of the window", MetricUnit.PerSecond, MetricDirection.LowerIsWorse,
                "not observed when no workflow was due in the window", (r, a) => Window(r, a.Window!, w => w.Started + w.Dropped == 0 ? MetricValue.NotObserved(NoArrivals) : MetricValue.Ratio(w.Ok, w.Seconds, EmptyWindow))),
            new("WINDOW.dependency.SERVICE.error_rate", "failed calls over calls the stack made to the service in the window", MetricUnit.Rate, MetricDirection.HigherIsWorse,
                "not observed when the stack made no call to the service in the window", (r, a) => Dependency(r, a, (calls, errors, attempts, received, seconds) => MetricValue.Ratio(errors, calls, NoCalls))),
            new("WINDOW.dependency.SERVICE.attempts_per_call", "requests sent to the service per call (retry amplification; below 1 when an open breaker stops calls)", MetricUnit.Ratio, MetricDirection.HigherIsWorse,
                "not observed when the stack made no call to the service in the window", (r, a) => Dependency(r, a, (calls, errors, attempts, received, seconds) => MetricValue.Ratio(attempts, calls, NoCalls))),
            new("WINDOW.dependency.SERVICE.requests_per_second", "requests the service's dependency server received per second of the window", MetricUnit.PerSecond, MetricDirection.HigherIsWorse,
                "not observed when the window has no seconds, or no server of this run saw the service's requests",
                (r, a) => r.Dependencies[a.Service!].RequestsObserved ? Dependency(r, a, (calls, errors, attempts, received, seconds) => MetricValue.Ratio(received, seconds, EmptyWindow)) : MetricValue.NotObserved(RequestsNotRecorded)),
            new("breaker.SERVICE.time_to_open_s", "seconds from the first fault on the service to its breaker opening", MetricUnit.Seconds, MetricDirection.HigherIsWorse,
                "fails when the breaker never opened; not observed when no fault targeted the service", TimeToOpen),
            new("breaker.SERVICE.time_to_close_s", "seconds from the end of the last fault on the service to its breaker closing", MetricUnit.Seconds, MetricDirection.HigherIsWorse,
                "fails when the breaker opened and never closed after the fault; not observed when it never opened", TimeToClose),
            new("breaker.SERVICE.excess_requests_while_open", "requests that reached the service while its breaker was open (after the warm-up), beyond the half-open probes allowed", MetricUnit.Count, MetricDirection.HigherIsWorse,
                "not observed when the breaker was never open after the warm-up, or no server of this run saw the service's requests", ExcessWhileOpen),
            new("breaker.SERVICE.table_operations_per_second_per_instance", "the busiest second's breaker-table operations for the service, per instance sharing its breaker", MetricUnit.PerSecond, MetricDirection.HigherIsWorse,
                "not observed when " + NotSharedThroughTable + ", or the run has no second",
                (r, a) => r.Dependencies[a.Service!].BreakerTableOperationsPerSecondPerInstance is { } perInstance ? MetricValue.Of(perInstance) : MetricValue.NotObserved(NotSharedThroughTable + ", or the run has no second")),
            new("breaker.SERVICE.transitions", "breaker state changes over the run", MetricUnit.Count, MetricDirection.HigherIsWorse,
                "always observed (0 when the breaker never moved)", (r, a) => MetricValue.Of(r.Dependencies[a.Service!].BreakerTransitions.Count)),
            new("queue.QUEUE.max_depth", "the queue's highest depth (visible + in flight) sampled once a second", MetricUnit.Count, MetricDirection.HigherIsWorse,
                "not observed when no depth of the queue could be read", (r, a) => QueueMaxDepth(r, a.Queue!)),
            new("queue.QUEUE.drain_s", "seconds after the stressed window until the queue is back to its depth before it", MetricUnit.Seconds, MetricDirection.HigherIsWorse,
                "fails when the queue never drained; not observed when no depth of the queue could be read", (r, a) => QueueDrain(r, a.Queue!)),
            new("summary.error_rate", "failed workflows over finished workflows after warm-up", MetricUnit.Rate, MetricDirection.HigherIsWorse,
                "not observed when no workflow finished", (r, _) => MetricValue.Ratio(r.Summary.Failed, r.Summary.Ok + r.Summary.Failed, "no workflow finished")),
            new("summary.dropped", "workflows not started for lack of capacity after warm-up", MetricUnit.Count, MetricDirection.HigherIsWorse,
                "not observed when no workflow was due", (r, _) => r.Summary.Started + r.Summary.Dropped == 0 ? MetricValue.NotObserved("no workflow was due") : MetricValue.Of(r.Summary.Dropped)),
            new("summary.latency_p99_ms", "99th percentile of workflow latency (corrected) after warm-up", MetricUnit.Milliseconds, MetricDirection.HigherIsWorse,
                "not observed when no workflow finished", (r, _) => r.Summary.Ok + r.Summary.Failed == 0 ? MetricValue.NotObserved("no workflow finished") : MetricValue.Of(r.Summary.Latency.P99Ms)),
            new("summary.requests_per_second", "workflows finished per second after warm-up", MetricUnit.PerSecond, MetricDirection.LowerIsWorse,
                "not observed when no workflow was due", (r, _) => r.Summary.Started + r.Summary.Dropped == 0 ? MetricValue.NotObserved("no workflow was due") : MetricValue.Of(r.Summary.RequestsPerSecond)),
        ]);

        foreach (var (name, description, worse, read) in MessageMeasures)
        {
            list.Add(new($"messages.{name}", description + " (all channels)", MetricUnit.Count, worse,
                "not observed when a queue or dead-letter queue of a channel could not be read", (r, _) => Messages(r.Messages, read)));
            list.Add(new($"messages.CHANNEL.{name}", description + " (one channel: a request queue, or workflow-events)", MetricUnit.Count, worse,
                "not observed when the channel's queues could not be read, or the run has no such channel",
                (r, a) => r.MessageChannels.TryGetValue(a.Channel!, out var channel) ? Messages(channel, read) : MetricValue.NotObserved($"the run has no message channel '{a.Channel}'")));
        }

        foreach (var (suffix, label, read) in Percentiles)
        {
            list.Add(new($"control.WINDOW.latency_{suffix}", $"{label} percentile of the control cohort's workflow latency over the whole window", MetricUnit.Milliseconds, MetricDirection.HigherIsWorse,
                "not observed when the scenario runs no control cohort or no control workflow finished in the window", (r, a) => ControlLatency(r, a.Window!, read)));
            list.Add(new($"control.WINDOW.latency_{suffix}_delta", $"the experiment's {label} percentile latency minus the control's, over the whole window", MetricUnit.Milliseconds, MetricDirection.HigherIsWorse,
                "not observed when the scenario runs no control cohort, or either cohort finished no workflow in the window",
                (r, a) => Delta(WindowLatency(r, a.Window!, w => w.Latency, read), ControlLatency(r, a.Window!, read))));
        }

        foreach (var (measure, description, worse, read) in ControlMeasures)
        {
            list.Add(new($"control.WINDOW.{measure}", description, measure.Contains("_ms", StringComparison.Ordinal) ? MetricUnit.Milliseconds : MetricUnit.Rate, worse,
                "not observed when the scenario runs no control cohort or no control workflow finished in the window", (r, a) => read(r, a.Window!)));
        }

        return list;
    }

    private static readonly (string Name, string Description, MetricDirection Worse, Func<MessageAccounting, long> Read)[] MessageMeasures =
    [
        ("sent", "messages the run sent", MetricDirection.LowerIsWorse, m => m.Sent),
        ("processed", "messages processed (first processing)", MetricDirection.LowerIsWorse, m => m.Processed),
        ("duplicates", "processings beyond the first of a message", MetricDirection.HigherIsWorse, m => m.Duplicates),
        ("dead_lettered", "messages in a dead-letter queue", MetricDirection.HigherIsWorse, m => m.DeadLettered),
        ("in_flight", "messages still in a queue, held by a consumer or in an outbox", MetricDirection.HigherIsWorse, m => m.InFlight),
        ("lost", "messages sent and found nowhere", MetricDirection.HigherIsWorse, m => m.Lost),
        ("poison", "messages a poison_message fault marked", MetricDirection.HigherIsWorse, m => m.Poison),
        ("poison_not_dead_lettered", "poison messages not in a dead-letter queue", MetricDirection.HigherIsWorse, m => m.PoisonNotDeadLettered),
        ("dead_lettered_not_poison", "dead-lettered messages that were not poison", MetricDirection.HigherIsWorse, m => m.DeadLetteredNotPoison),
    ];

    private static readonly (string Measure, string Description, MetricDirection Worse, Func<RunReport, string, MetricValue> Read)[] ControlMeasures =
    [
        ("error_rate", "the control cohort's error rate in the window", MetricDirection.HigherIsWorse, (r, w) => Control(r, w, c => c.ErrorRate)),
        ("service_time_p99_ms_median", "median of the control cohort's per-second p99 service times in the window", MetricDirection.HigherIsWorse, (r, w) => Control(r, w, c => c.P99Median)),
        ("error_rate_delta", "the experiment's error rate minus the control's, in the window", MetricDirection.HigherIsWorse,
            (r, w) => Delta(Window(r, w, x => MetricValue.Ratio(x.Failed, x.Ok + x.Failed, NoWorkflows)), Control(r, w, c => c.ErrorRate))),
        ("service_time_p99_ms_median_delta", "the experiment's median per-second p99 service time minus the control's, in the window", MetricDirection.HigherIsWorse,
            (r, w) => Delta(PerSecond(r, w, p => p.ServiceTimeP99Ms, Median), Control(r, w, c => c.P99Median))),
    ];

    private static MetricValue Messages(MessageAccounting accounting, Func<MessageAccounting, long> read) =>
        accounting.Unknown is { } why ? MetricValue.NotObserved(why) : MetricValue.Of(read(accounting));

    private static MetricValue Window(RunReport report, string window, Func<WindowFigures, MetricValue> read)
    {
        if (!report.Windows.TryGetValue(window, out var figures))
        {
            return MetricValue.NotObserved($"the run has no {window} window");
        }

        return figures.Seconds == 0 ? MetricValue.NotObserved(EmptyWindow) : read(figures);
    }

    private static MetricValue WindowLatency(RunReport report, string window, Func<WindowFigures, LatencyFigures> figures, Func<LatencyFigures, double> read) =>
        Window(report, window, w => w.Ok + w.Failed == 0 || figures(w).Count == 0 ? MetricValue.NotObserved(NoWorkflows) : MetricValue.Of(read(figures(w))));

    private static MetricValue PerSecond(RunReport report, string window, Func<TimelinePoint, double> value, Func<IReadOnlyList<double>, double> fold)
    {
        var (from, to) = ReportWindows.Bounds(report, window);
        var values = report.Timeline.Where(p => p.Second >= from && p.Second < to && p.Ok + p.Failed > 0).Select(value).ToList();
        return values.Count == 0 ? MetricValue.NotObserved(NoWorkflows) : MetricValue.Of(fold(values));
    }

    private static MetricValue Dependency(RunReport report, MetricArguments arguments, Func<long, long, long, long, int, MetricValue> read)
    {
        var (from, to) = ReportWindows.Bounds(report, arguments.Window!);
        if (to <= from)
        {
            return MetricValue.NotObserved(EmptyWindow);
        }

        long calls = 0, errors = 0, attempts = 0, received = 0;
        foreach (var point in report.Timeline.Where(p => p.Second >= from && p.Second < to))
        {
            if (point.Dependencies.TryGetValue(arguments.Service!, out var d))
            {
                calls += d.Calls;
                errors += d.Errors;
                attempts += d.Attempts;
                received += d.RequestsReceived;
            }
        }

        return read(calls, errors, attempts, received, to - from);
    }

    private static MetricValue TimeToOpen(RunReport report, MetricArguments arguments)
    {
        var dependency = report.Dependencies[arguments.Service!];
        if (!report.Faults.Any(f => f.Target == arguments.Service))
        {
            return MetricValue.NotObserved($"no fault targeted {arguments.Service}");
        }

        return dependency.TimeToOpenS is { } seconds ? MetricValue.Of(seconds) : MetricValue.NeverHappened("the breaker never opened");
    }

    private static MetricValue TimeToClose(RunReport report, MetricArguments arguments)
    {
        var dependency = report.Dependencies[arguments.Service!];
        if (dependency.TimeToOpenS is null)
        {
            return MetricValue.NotObserved("the breaker never opened");
        }

        return dependency.TimeToCloseS is { } seconds ? MetricValue.Of(seconds) : MetricValue.NeverHappened("the breaker did not close after the fault");
    }

    /// <summary>Whether some instance's breaker was open (or half-open) at, or opened after, <paramref name="fromS"/>.</summary>
    private static bool OpenAfter(IReadOnlyList<BreakerTransitionRecord> transitions, double fromS) =>
        transitions.GroupBy(t => t.Instance, StringComparer.Ordinal).Any(instance =>
            instance.LastOrDefault(t => t.AtS < fromS) is { To: not "Closed" } || instance.Any(t => t.AtS >= fromS && t.To == "Open"));

    private static MetricValue ExcessWhileOpen(RunReport report, MetricArguments arguments)
    {
        var dependency = report.Dependencies[arguments.Service!];
        if (!OpenAfter(dependency.BreakerTransitions, report.Run.WarmUpS))
        {
            return MetricValue.NotObserved("the breaker was never open after the warm-up");
        }

        if (!dependency.RequestsObserved)
        {
            return MetricValue.NotObserved(RequestsNotRecorded);
        }

        return MetricValue.Of(Math.Max(0, dependency.RequestsWhileOpen - dependency.ProbesAllowed));
    }

    private static List<int?> Depths(RunReport report, string queue) =>
        [.. report.Timeline.Select(p => p.Queues.TryGetValue(queue, out var q) ? q.Visible + q.InFlight : (int?)null)];

    private static MetricValue QueueMaxDepth(RunReport report, string queue)
    {
        var depths = Depths(report, queue);
        return depths.Max() is { } max ? MetricValue.Of(max) : MetricValue.NotObserved($"no depth of {queue} was read");
    }

    private static MetricValue QueueDrain(RunReport report, string queue)
    {
        var depths = Depths(report, queue);
        if (depths.All(d => d is null))
        {
            return MetricValue.NotObserved($"no depth of {queue} was read");
        }

        // Drained: back to the depth the queue had in normal operation before the stressed window.
        var window = ReportWindows.Stressed(report.Faults, report.StressWindow);
        var start = window?.StartS ?? 0;
        var end = window?.EndS ?? 0;
        var normal = depths.Where((d, second) => second >= report.Run.WarmUpS && second + 1 <= start && d is not null).Max() ?? 0;
        var first = report.Timeline.FirstOrDefault(p => p.Second + 1 >= end && p.Queues.TryGetValue(queue, out var q) && q.Visible + q.InFlight <= normal);
        return first is null ? MetricValue.NeverHappened($"{queue} never drained back to depth {normal}") : MetricValue.Of(Math.Max(0, first.Second + 1 - end));
    }

    private sealed record ControlFigures(double ErrorRate, double P99Median);

    private static MetricValue Control(RunReport report, string window, Func<ControlFigures, double> read)
    {
        var (from, to) = ReportWindows.Bounds(report, window);
        var seconds = report.Timeline.Where(p => p.Second >= from && p.Second < to && p.Control is { } c && c.Ok + c.Failed > 0).ToList();
        if (seconds.Count == 0)
        {
            return MetricValue.NotObserved(report.Timeline.Any(p => p.Control is not null) ? "no control workflow finished in the window" : "the scenario runs no control cohort");
        }

        var ok = seconds.Sum(s => s.Control!.Ok);
        var failed = seconds.Sum(s => s.Control!.Failed);
        return MetricValue.Of(read(new ControlFigures((double)failed / (ok + failed), Median([.. seconds.Select(s => s.Control!.ServiceTimeP99Ms)]))));
    }

    private static MetricValue ControlLatency(RunReport report, string window, Func<LatencyFigures, double> read) =>
        Window(report, window, w => w.Control is not { } c ? MetricValue.NotObserved("the scenario runs no control cohort")
            : c.Latency.Count == 0 ? MetricValue.NotObserved("no control workflow finished in the window")
            : MetricValue.Of(read(c.Latency)));

    private static MetricValue Delta(MetricValue experiment, MetricValue control) =>
        experiment.State != MetricState.Observed ? experiment
        : control.State != MetricState.Observed ? control
        : MetricValue.Of(experiment.Value!.Value - control.Value!.Value);

    private static double Median(IReadOnlyList<double> values)
    {
        var sorted = values.Order().ToArray();
        var mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}
