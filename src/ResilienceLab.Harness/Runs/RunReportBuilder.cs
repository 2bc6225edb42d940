using HdrHistogram;
using ResilienceLab.Harness.Health;
using ResilienceLab.Harness.Observations;
using ResilienceLab.Harness.Scenarios;
using ResilienceLab.Load;
using ResilienceLab.Reporting.Hypotheses;
using ResilienceLab.Reporting.Model;

namespace ResilienceLab.Harness.Runs;

/// <summary>
/// Turns what a run observed into its <see cref="RunReport"/> and judges it: a pure function of the scenario and the
/// <see cref="RunObservations"/>, so a report can be rebuilt from a shard file, and N shards merged first give the
/// report of the whole run. Percentiles always come from histograms added together, never from averaged percentiles.
/// </summary>
public static class RunReportBuilder
{
    // Requests already on the wire when a breaker opens may land a moment later; they are not "sent while open".
    private static readonly TimeSpan OpenGrace = TimeSpan.FromMilliseconds(100);

    public static RunReport Build(Scenario scenario, RunObservations observations)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(observations);
        var seconds = observations.Load?.Seconds ?? [];
        var timelineLength = seconds.Count == 0 ? 0 : seconds.Max(s => s.Second) + 1;
        var bySecond = seconds.ToDictionary(s => s.Second);
        var stressWindow = scenario.StressWindow is { } w ? new TimeWindow(w.Start.TotalSeconds, (w.Start + w.Duration).TotalSeconds) : null;
        var stressed = ReportWindows.Stressed(observations.Faults, stressWindow);
        var harness = observations.Harness.ToDictionary(h => h.Second);
        var depths = observations.QueueDepths.ToDictionary(q => q.Key, q => q.Value.ToDictionary(s => s.Second), StringComparer.Ordinal);
        var control = observations.Control?.ToDictionary(c => c.Second);

        var report = new RunReport
        {
            Scenario = observations.Scenario,
            Description = scenario.Description,
            Verdict = Verdict.Aborted,
            AbortReason = observations.AbortReason,
            Run = observations.Run,
            Summary = Summary(observations),
            Dependencies = observations.Dependencies.ToDictionary(d => d.Key, d => Dependency(d.Key, d.Value, observations), StringComparer.Ordinal),
            Faults = observations.Faults,
            StressWindow = stressWindow,
            Messages = MessageAccounting.Total(observations.Messages.Values),
            MessageChannels = observations.Messages,
            Timeline = [.. Enumerable.Range(0, timelineLength).Select(i => Point(i, bySecond.GetValueOrDefault(i), observations, depths, harness.GetValueOrDefault(i), control))],
            LatencySpectrum = observations.Load?.Latency is { } latency ? [.. Spectrum(HistogramCodec.Decode(latency))] : [],
            Journal = observations.Journal,
        };

        var bounds = ReportWindows.All.ToDictionary(x => x, x => ReportWindows.Bounds(x, observations.Run.WarmUpS, timelineLength, stressed), StringComparer.Ordinal);
        report = report with { Windows = bounds.ToDictionary(b => b.Key, b => Window(b.Value, seconds, observations.Control), StringComparer.Ordinal) };

        var judged = scenario.Hypothesis.Select(c => MetricRegistry.WindowOf(c.Metric)).ToHashSet(StringComparer.Ordinal);
        var health = new HarnessHealthReport
        {
            Limits = scenario.HarnessLimits,
            Windows = bounds.ToDictionary(
                b => b.Key,
                b => HarnessHealthPolicy.Assess(b.Key, Health(b.Value, report.Windows[b.Key], observations), scenario.HarnessLimits, judged.Contains(b.Key)),
                StringComparer.Ordinal),
        };
        report = report with { HarnessHealth = health };

        var results = HypothesisJudge.Judge(report, scenario.Hypothesis);
        var decision = VerdictPolicy.Decide(results, observations.AbortReason, health.Problems, FaultProblems(observations.Faults));
        return report with { Hypothesis = results, Verdict = decision.Verdict, VerdictReasons = decision.Reasons };
    }

    /// <summary>Scheduled faults that were switched on and hit nothing: the experiment the hypothesis is about did not happen.</summary>
    public static IReadOnlyList<string> FaultProblems(IReadOnlyList<FaultReport> faults)
    {
        ArgumentNullException.ThrowIfNull(faults);
        return [.. faults
            .Where(f => f.Source == "schedule" && f.ActualStartS is not null && f.RequestsAffected == 0)
            .Select(f => $"fault '{f.Name}' ({f.Kind} on {f.Target}) was on from {f.ActualStartS:0.#} s to {f.ActualEndS ?? f.EndS:0.#} s and hit nothing, so the failure the hypothesis is about never happened")];
    }

    private static RunSummary Summary(RunObservations observations)
    {
        if (observations.Load is not { } load)
        {
            var zero = new LatencyFigures(0, 0, 0, 0, 0);
            return new RunSummary { Latency = zero, ServiceTime = zero };
        }

        var window = observations.LoadEndS - observations.Run.WarmUpS;
        return new RunSummary
        {
            Started = load.Started,
            Ok = load.Ok,
            Failed = load.Failed,
            Dropped = load.Dropped,
            Degraded = observations.Degraded,
            RequestsPerSecond = window > 0 ? Math.Round((load.Ok + load.Failed) / window, 2) : 0,
            ErrorRate = load.Ok + load.Failed == 0 ? 0 : Math.Round((double)load.Failed / (load.Ok + load.Failed), 4),
            Latency = Figures(Decode(load.Latency)),
            ServiceTime = Figures(Decode(load.ServiceTime)),
            FailedByReason = load.FailedByReason,
        };
    }

    private static DependencyReport Dependency(string service, DependencyObservations dependency, RunObservations observations)
    {
        var own = observations.Transitions.Where(t => t.Service == service).OrderBy(t => t.AtS).ToList();

        // Each instance's breaker (or its view of a shared one) is judged on its own transitions and its own requests.
        var instances = own.GroupBy(t => t.Instance ?? string.Empty, StringComparer.Ordinal).ToList();
        var myFaults = observations.Faults.Where(f => f.Target == service).ToList();
        double? toOpen = null;
        double? toClose = null;
        if (myFaults.Count > 0)
        {
            var faultStart = myFaults.Min(f => f.ActualStartS ?? f.StartS);
            var faultEnd = myFaults.Max(f => f.ActualEndS ?? f.EndS);
            if (own.FirstOrDefault(t => t.To == "Open" && t.AtS >= faultStart) is { } opened)
            {
                toOpen = Math.Round(opened.AtS - faultStart, 3);

                // The fleet has closed again when every instance that opened has closed.
                var closes = instances
                    .Where(i => i.Any(t => t.To == "Open" && t.AtS >= faultStart))
                    .Select(i => i.FirstOrDefault(t => t.To == "Closed" && t.AtS >= faultEnd))
                    .ToList();
                if (closes.All(c => c is not null))
                {
                    toClose = Math.Round(closes.Max(c => c!.AtS) - faultEnd, 3);
                }
            }
        }

        // Periods a breaker was not closed: from each opening (plus grace) to the next closing.
        var runEnd = observations.Run.DurationS;
        long whileOpen = 0;
        long probes = 0;
        foreach (var instance in instances)
        {
            var transitions = instance.ToList();
            // Without arrivals by instance the run had one instance, and every arrival was its own.
            var arrivals = dependency.ArrivalsByInstanceUs.Count == 0 ? dependency.ArrivalsUs
                : dependency.ArrivalsByInstanceUs.TryGetValue(instance.Key, out var mine) ? mine : [];
            for (var i = 0; i < transitions.Count; i++)
            {
                if (transitions[i].From != "Closed" || transitions[i].To != "Open")
                {
                    continue;
                }

                // The warm-up is not judged: a breaker open in it counts from the warm-up's end, with the probes of
                // every half-open that could still send one then.
                var from = Math.Max(transitions[i].AtS + OpenGrace.TotalSeconds, observations.Run.WarmUpS);
                var close = transitions.Skip(i + 1).FirstOrDefault(t => t.To == "Closed");
                var to = close?.AtS ?? runEnd;
                if (to <= from)
                {
                    continue;
                }

                var probesFrom = Math.Max(transitions[i].AtS, from - OpenGrace.TotalSeconds);
                whileOpen += CountBetween(arrivals, from, to);
                probes += transitions.Skip(i + 1).Count(t => t.To == "HalfOpen" && t.AtS >= probesFrom && t.AtS <= to) * (long)dependency.HalfOpenMaxCalls;
            }
        }

        var total = dependency.Total;
        return new DependencyReport
        {
            Calls = total.Calls,
            Errors = total.Errors,
            Attempts = total.Attempts,
            Retries = total.Retries,
            Rejections = total.Rejections,
            RequestsReceived = dependency.ArrivalsUs.Count,
            RequestsObserved = dependency.Served,
            Amplification = total.Calls == 0 ? 0 : Math.Round((double)total.Attempts / total.Calls, 3),
            BreakerTransitions = [.. own.Select(t => new BreakerTransitionRecord(Math.Round(t.AtS, 3), t.From, t.To, t.Reason) { Instance = t.Instance })],
            TimeToOpenS = toOpen,
            TimeToCloseS = toClose,
            RequestsWhileOpen = whileOpen,
            ProbesAllowed = probes,
            BreakerTableOperations = dependency.BreakerTableInstances > 0 ? total.TableOperations : null,
            BreakerTableOperationsPerSecondPerInstance = dependency.BreakerTableInstances > 0 && dependency.Seconds.Count > 0
                ? Math.Round((double)dependency.Seconds.Max(s => s.TableOperations) / dependency.BreakerTableInstances, 2)
                : null,
        };
    }

    private static TimelinePoint Point(
        int second,
        LoadSecond? load,
        RunObservations observations,
        Dictionary<string, Dictionary<int, QueueSample>> depths,
        HarnessSample? harness,
        Dictionary<int, ControlSample>? control)
    {
        var start = second;
        var end = second + 1;
        var latency = Decode(load?.Latency);
        var serviceTime = Decode(load?.ServiceTime);
        var lag = Decode(load?.ScheduleLag);
        var added = HistogramCodec.Sum(observations.Dependencies.Values.Select(d => d.AddedLatency.GetValueOrDefault(second)));

        return new TimelinePoint
        {
            Second = second,
            Started = load?.Started ?? 0,
            Ok = load?.Ok ?? 0,
            Failed = load?.Failed ?? 0,
            Dropped = load?.Dropped ?? 0,
            InFlight = load?.InFlight ?? 0,
            LatencyP50Ms = Round(latency.P50Ms),
            LatencyP95Ms = Round(latency.P95Ms),
            LatencyP99Ms = Round(latency.P99Ms),
            ServiceTimeP99Ms = Round(serviceTime.P99Ms),
            Dependencies = observations.Dependencies.ToDictionary(
                d => d.Key,
                d =>
                {
                    var counts = d.Value.Seconds.Count > second && d.Value.Seconds[second].Second == second
                        ? d.Value.Seconds[second]
                        : d.Value.Seconds.FirstOrDefault(s => s.Second == second) ?? new DependencySample();
                    return new DependencySecond(counts.Calls, counts.Errors, counts.Attempts, CountBetween(d.Value.ArrivalsUs, start, end), BreakerAt(observations.Transitions, d.Key, end));
                },
                StringComparer.Ordinal),
            Queues = depths.Where(q => q.Value.ContainsKey(second)).ToDictionary(q => q.Key, q => new QueueSecond(q.Value[second].Visible, q.Value[second].InFlight), StringComparer.Ordinal),
            ActiveFaults = [.. observations.Faults.Where(f => (f.ActualStartS ?? f.StartS) < end && (f.ActualEndS ?? f.EndS) > start).Select(f => f.Name)],
            Control = control is null ? null : control.TryGetValue(second, out var c) ? new ControlSecond(c.Ok, c.Failed, c.ServiceTimeP99Ms) : new ControlSecond(0, 0, 0),
            Harness = new HarnessSecond
            {
                ScheduleLagP99Ms = lag.Count == 0 ? null : Round(lag.P99Ms),
                Dropped = load?.Dropped ?? 0,
                ThreadPoolQueue = harness?.ThreadPoolQueueMax,
                GcPauseMs = harness?.GcPauseMs,
                CpuPercent = harness?.CpuPercent,
                DependencyAddedP99Ms = added.TotalCount == 0 ? null : Round(HistogramCodec.Percentiles(added).P99Ms),
            },
        };
    }

    /// <summary>A window's counts and its latency from the per-second histograms added together.</summary>
    private static WindowFigures Window((int From, int To) bounds, IReadOnlyList<LoadSecond> all, IReadOnlyList<ControlSample>? control)
    {
        var seconds = all.Where(t => t.Second >= bounds.From && t.Second < bounds.To).ToList();
        var controlSeconds = control?.Where(c => c.Second >= bounds.From && c.Second < bounds.To).ToList();
        return new WindowFigures
        {
            FromS = bounds.From,
            ToS = bounds.To,
            Started = seconds.Sum(t => t.Started),
            Ok = seconds.Sum(t => t.Ok),
            Failed = seconds.Sum(t => t.Failed),
            Dropped = seconds.Sum(t => t.Dropped),
            Latency = Figures(HistogramCodec.Percentiles(HistogramCodec.Sum(seconds.Select(t => t.Latency)))),
            ServiceTime = Figures(HistogramCodec.Percentiles(HistogramCodec.Sum(seconds.Select(t => t.ServiceTime)))),
            ScheduleLag = Figures(HistogramCodec.Percentiles(HistogramCodec.Sum(seconds.Select(t => t.ScheduleLag)))),
            Control = controlSeconds is null ? null : new ControlWindowFigures(
                controlSeconds.Sum(c => c.Ok),
                controlSeconds.Sum(c => c.Failed),
                Figures(HistogramCodec.Percentiles(HistogramCodec.Sum(controlSeconds.Select(c => c.Latency))))),
        };
    }

    /// <summary>The harness's figures over a window: lag and dependency latency from added histograms, the rest from its seconds.</summary>
    private static HarnessWindowHealth Health((int From, int To) bounds, WindowFigures window, RunObservations observations)
    {
        var samples = observations.Harness.Where(h => h.Second >= bounds.From && h.Second < bounds.To).ToList();
        var added = HistogramCodec.Sum(observations.Dependencies.Values.SelectMany(d => d.AddedLatency.Where(a => a.Key >= bounds.From && a.Key < bounds.To).Select(a => a.Value)));
        return new HarnessWindowHealth
        {
            FromS = bounds.From,
            ToS = bounds.To,
            ScheduleLagP99Ms = window.ScheduleLag is { Count: > 0 } lag ? lag.P99Ms : null,
            Dropped = window.Dropped,
            ThreadPoolQueueMax = samples.Count == 0 ? null : samples.Max(s => s.ThreadPoolQueueMax),
            GcPauseMsMax = samples.Count == 0 ? null : samples.Max(s => s.GcPauseMs),
            CpuPercentMean = samples.Count == 0 ? null : Math.Round(samples.Average(s => s.CpuPercent), 1),
            DependencyAddedLatencyP99Ms = added.TotalCount == 0 ? null : Round(HistogramCodec.Percentiles(added).P99Ms),
        };
    }

    private static LatencyPercentiles Decode(string? encoded) =>
        encoded is null ? LatencyPercentiles.Empty : HistogramCodec.Percentiles(HistogramCodec.Decode(encoded));

    /// <summary>How many ascending microsecond offsets fall in [<paramref name="fromS"/>, <paramref name="toS"/>) seconds.</summary>
    private static long CountBetween(IReadOnlyList<long> ascendingUs, double fromS, double toS)
    {
        var from = LowerBound(ascendingUs, (long)Math.Round(fromS * 1_000_000));
        var to = LowerBound(ascendingUs, (long)Math.Round(toS * 1_000_000));
        return Math.Max(0, to - from);
    }

    private static int LowerBound(IReadOnlyList<long> values, long target)
    {
        int lo = 0, hi = values.Count;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (values[mid] < target)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }

    private static IEnumerable<SpectrumPoint> Spectrum(HistogramBase histogram) =>
        histogram.TotalCount == 0 ? [] : histogram.Percentiles(5).Select(v => new SpectrumPoint(v.Percentile, v.ValueIteratedTo / 1000.0));

    /// <summary>A service's breaker at <paramref name="end"/>: the worst of its instances' last states (open, half-open, closed).</summary>
    private static string BreakerAt(IReadOnlyList<TransitionObservation> transitions, string service, double end)
    {
        var last = transitions.Where(t => t.Service == service && t.AtS < end).GroupBy(t => t.Instance ?? string.Empty).Select(g => g.Last().To).ToList();
        return last.Contains("Open") ? "open" : last.Contains("HalfOpen") ? "half_open" : "closed";
    }

    private static double Round(double value) => Math.Round(value, 3);

    private static LatencyFigures Figures(LatencyPercentiles p) =>
        new(Round(p.P50Ms), Round(p.P95Ms), Round(p.P99Ms), Round(p.MaxMs), Round(p.MeanMs))
        {
            P90Ms = Round(p.P90Ms),
            P999Ms = Round(p.P999Ms),
            Count = p.Count,
        };
}
