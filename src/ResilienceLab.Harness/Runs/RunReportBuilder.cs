using System.Globalization;
using ResilienceLab.Chaos.Dependencies;
using ResilienceLab.Chaos.Faults;
using ResilienceLab.Harness.Scenarios;
using ResilienceLab.Load;
using ResilienceLab.Reporting.Hypotheses;
using ResilienceLab.Reporting.Model;
using ResilienceLab.Stack.Breaker;
using ResilienceLab.Stack.Services;

namespace ResilienceLab.Harness.Runs;

/// <summary>Folds what a run observed (load result, stack telemetry, dependency arrivals, faults) into a <see cref="RunReport"/> and judges it.</summary>
internal sealed class RunReportBuilder
{
    // Requests already on the wire when a breaker opens may land a moment later; they are not "sent while open".
    private static readonly TimeSpan OpenGrace = TimeSpan.FromMilliseconds(100);

    public required Scenario Scenario { get; init; }

    public required RunRequest Request { get; init; }

    public required int Seed { get; init; }

    public required DateTimeOffset StartedAt { get; init; }

    public required TimeSpan Duration { get; init; }

    public LoadResult? Load { get; init; }

    /// <summary>The run's stack telemetry; null when the run failed before the stack existed.</summary>
    public StackMetricsCollector? Metrics { get; init; }

    public required IReadOnlyDictionary<string, DependencyServer> Dependencies { get; init; }

    public required IReadOnlyList<FaultRecord> Faults { get; init; }

    public required IReadOnlyList<ServiceOptions> Services { get; init; }

    public long Degraded { get; init; }

    public string? AbortReason { get; init; }

    public IReadOnlyDictionary<string, MessageAccounting> MessageChannels { get; init; } = new Dictionary<string, MessageAccounting>();

    /// <summary>Queue depths at the end of a given second; null when the run sampled none.</summary>
    public Func<int, IReadOnlyDictionary<string, QueueSecond>>? QueueDepths { get; init; }

    /// <summary>The control cohort, when the scenario runs one.</summary>
    public ControlCohort? Control { get; init; }

    public RunReport Build()
    {
        var seconds = Load?.Timeline.Count ?? 0;
        var arrivals = Dependencies.ToDictionary(d => d.Key, d => d.Value.Arrivals());
        var transitions = Metrics?.Transitions ?? [];
        var controlLatency = Control?.LatencyBySecond();
        var faults = Faults.Select(f => new FaultReport(
            f.Name,
            f.Kind,
            f.Target,
            f.Rate,
            f.ScheduledStart.TotalSeconds,
            f.ScheduledEnd.TotalSeconds,
            f.ActualStart?.TotalSeconds,
            f.ActualEnd?.TotalSeconds,
            f.RequestsAffected,
            f.RolledBackEarly)).ToList();
        var report = new RunReport
        {
            Scenario = Scenario.Name,
            Description = Scenario.Description,
            Verdict = Verdicts.Aborted,
            AbortReason = AbortReason,
            Run = new RunIdentity
            {
                Label = Request.Label,
                Seed = Seed,
                Quick = Request.Quick,
                Target = Request.Target,
                StartedAt = StartedAt,
                DurationS = Math.Round(Duration.TotalSeconds, 3),
                WarmUpS = Scenario.WarmUp.TotalSeconds,
                ConfigHash = Request.Config.Hash,
                GitCommit = RunEnvironment.GitCommit(),
                Machine = RunEnvironment.Machine(),
                ToolVersion = RunEnvironment.ToolVersion(),
            },
            Summary = Summary(),
            Dependencies = Services.ToDictionary(s => s.Name, s => Dependency(s, arrivals.GetValueOrDefault(s.Name) ?? [], transitions, faults)),
            Faults = faults,
            StressWindow = Scenario.StressWindow is { } w ? new TimeWindow(w.Start.TotalSeconds, (w.Start + w.Duration).TotalSeconds) : null,
            Messages = new MessageAccounting
            {
                Sent = MessageChannels.Values.Sum(c => c.Sent),
                Processed = MessageChannels.Values.Sum(c => c.Processed),
                DeadLettered = MessageChannels.Values.Sum(c => c.DeadLettered),
                InFlight = MessageChannels.Values.Sum(c => c.InFlight),
            },
            MessageChannels = MessageChannels,
            Timeline = [.. Enumerable.Range(0, seconds).Select(i => Point(i, arrivals, transitions, faults) with { Control = Control?.At(i, controlLatency!) })],
            LatencySpectrum = Load is null ? [] : [.. Load.LatencySpectrum.Select(p => new SpectrumPoint(p.Percentile, p.LatencyMs))],
        };
        var results = HypothesisJudge.Judge(report, Scenario.Hypothesis);
        return report with { Hypothesis = results, Verdict = HypothesisJudge.Verdict(results, AbortReason is not null) };
    }

    private RunSummary Summary()
    {
        if (Load is null)
        {
            var zero = new LatencyFigures(0, 0, 0, 0, 0);
            return new RunSummary { Latency = zero, ServiceTime = zero };
        }

        var s = Load.Summary;
        return new RunSummary
        {
            Started = s.Started,
            Ok = s.Ok,
            Failed = s.Failed,
            Dropped = s.Dropped,
            Degraded = Degraded,
            RequestsPerSecond = Math.Round(s.RequestsPerSecond, 2),
            ErrorRate = s.Ok + s.Failed == 0 ? 0 : Math.Round((double)s.Failed / (s.Ok + s.Failed), 4),
            Latency = Figures(s.Latency),
            ServiceTime = Figures(s.ServiceTime),
            FailedByReason = s.FailedByReason,
        };
    }

    private DependencyReport Dependency(ServiceOptions service, IReadOnlyList<TimeSpan> arrivals, IReadOnlyList<(TimeSpan At, BreakerTransition T)> transitions, List<FaultReport> faults)
    {
        var own = transitions.Where(t => t.T.ServiceName == service.Name).OrderBy(t => t.At).ToList();
        var totals = Metrics?.Total(service.Name) ?? new ServiceSecondCounts();
        var myFaults = faults.Where(f => f.Target == service.Name).ToList();
        double? toOpen = null;
        double? toClose = null;
        if (myFaults.Count > 0)
        {
            var faultStart = myFaults.Min(f => f.ActualStartS ?? f.StartS);
            var faultEnd = myFaults.Max(f => f.ActualEndS ?? f.EndS);
            var opened = own.FirstOrDefault(t => t.T.To == CircuitState.Open && t.At.TotalSeconds >= faultStart);
            if (opened.T is not null)
            {
                toOpen = Math.Round(opened.At.TotalSeconds - faultStart, 3);
                var closed = own.FirstOrDefault(t => t.T.To == CircuitState.Closed && t.At.TotalSeconds >= faultEnd);
                if (closed.T is not null)
                {
                    toClose = Math.Round(closed.At.TotalSeconds - faultEnd, 3);
                }
            }
        }

        // Periods the breaker was not closed: from each opening (plus grace) to the next closing.
        long whileOpen = 0;
        long probes = 0;
        var runEnd = Duration;
        for (var i = 0; i < own.Count; i++)
        {
            if (own[i].T.From != CircuitState.Closed || own[i].T.To != CircuitState.Open)
            {
                continue;
            }

            var from = own[i].At + OpenGrace;
            var close = own.Skip(i + 1).FirstOrDefault(t => t.T.To == CircuitState.Closed);
            var to = close.T is null ? runEnd : close.At;
            whileOpen += arrivals.Count(a => a >= from && a < to);
            probes += own.Skip(i + 1).Count(t => t.T.To == CircuitState.HalfOpen && t.At >= own[i].At && t.At <= to) * (long)service.CircuitBreaker.HalfOpenMaxCalls;
        }

        return new DependencyReport
        {
            Calls = totals.Calls,
            Errors = totals.Errors,
            Attempts = totals.Attempts,
            Retries = totals.Retries,
            Rejections = totals.Rejections,
            RequestsReceived = arrivals.Count,
            Amplification = totals.Calls == 0 ? 0 : Math.Round((double)totals.Attempts / totals.Calls, 3),
            BreakerTransitions = [.. own.Select(t => new BreakerTransitionRecord(Math.Round(t.At.TotalSeconds, 3), t.T.From.ToString(), t.T.To.ToString(), t.T.Reason))],
            TimeToOpenS = toOpen,
            TimeToCloseS = toClose,
            RequestsWhileOpen = whileOpen,
            ProbesAllowed = probes,
        };
    }

    private TimelinePoint Point(int second, Dictionary<string, IReadOnlyList<TimeSpan>> arrivals, IReadOnlyList<(TimeSpan At, BreakerTransition T)> transitions, List<FaultReport> faults)
    {
        var t = Load!.Timeline[second];
        var end = TimeSpan.FromSeconds(second + 1);
        var start = TimeSpan.FromSeconds(second);
        return new TimelinePoint
        {
            Second = second,
            Started = t.Started,
            Ok = t.Ok,
            Failed = t.Failed,
            Dropped = t.Dropped,
            InFlight = t.InFlight,
            LatencyP50Ms = Math.Round(t.Latency.P50Ms, 3),
            LatencyP95Ms = Math.Round(t.Latency.P95Ms, 3),
            LatencyP99Ms = Math.Round(t.Latency.P99Ms, 3),
            ServiceTimeP99Ms = Math.Round(t.ServiceTime.P99Ms, 3),
            Dependencies = Services.ToDictionary(
                s => s.Name,
                s =>
                {
                    var counts = Metrics?.Second(s.Name, second) ?? new ServiceSecondCounts();
                    var state = transitions.LastOrDefault(x => x.T.ServiceName == s.Name && x.At < end);
                    var breaker = state.T is null ? "closed" : Name(state.T.To);
                    return new DependencySecond(counts.Calls, counts.Errors, counts.Attempts, (arrivals.GetValueOrDefault(s.Name) ?? []).Count(a => a >= start && a < end), breaker);
                }),
            Queues = QueueDepths?.Invoke(second) ?? new Dictionary<string, QueueSecond>(),
            ActiveFaults = [.. faults.Where(f => (f.ActualStartS ?? f.StartS) < end.TotalSeconds && (f.ActualEndS ?? f.EndS) > start.TotalSeconds).Select(f => f.Name)],
        };
    }

    private static string Name(CircuitState state) => state switch
    {
        CircuitState.Open => "open",
        CircuitState.HalfOpen => "half_open",
        _ => "closed",
    };

    private static LatencyFigures Figures(LatencyPercentiles p) =>
        new(Math.Round(p.P50Ms, 3), Math.Round(p.P95Ms, 3), Math.Round(p.P99Ms, 3), Math.Round(p.MaxMs, 3), Math.Round(p.MeanMs, 3));

    internal static string Invariant(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);
}
