using System.Globalization;
using ResilienceLab.Chaos.Faults;
using ResilienceLab.Harness.Runs;
using ResilienceLab.Load;
using ResilienceLab.Reporting.Model;
using ResilienceLab.Reporting.Writers;
using ResilienceLab.Stack.Breaker;
using ResilienceLab.Stack.Ports;
using ResilienceLab.Stack.Workflows;

namespace ResilienceLab.Harness.GameDays;

/// <summary>
/// One game day: stands a run session up (WireMock servers, or the config's real endpoints), holds the scenario's load
/// for the duration, runs its fault schedule (unless skipped), lets an operator start and stop catalogue faults, add
/// notes and end the run (<see cref="IGameDayControl"/>, served on a loopback control endpoint), watches the stop
/// conditions once a second, exports live metrics, and writes the report with <c>journal.jsonl</c>. Every fault is
/// rolled back at the end, when a stop condition trips, on Ctrl-C and on error. Run it once.
/// </summary>
public sealed class GameDaySession : IGameDayControl
{
    // Queued work is given time while it shrinks: 10 s without progress ends the wait, 2 minutes in all.
    private static readonly TimeSpan DrainStall = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan DrainLimit = TimeSpan.FromMinutes(2);

    private readonly GameDayRequest _request;
    private readonly TimeProvider _time;
    private readonly CancellationTokenSource _end = new();
    private readonly Lock _lock = new();
    private RunSession? _session;
    private FaultSchedule? _schedule;
    private OperatorFaults? _operator;
    private GameDayJournal? _journal;
    private LoadProgress? _last;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, bool> _stoppedByOperator = new(StringComparer.Ordinal);
    private StopConditionTrip? _trip;
    private string? _endedBy;
    private TimeSpan _duration;
    private int _started;

    public GameDaySession(GameDayRequest request, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _request = request;
        _time = timeProvider;
    }

    /// <summary>Runs the game day to its end (duration, operator, stop condition or <paramref name="cancellationToken"/>).</summary>
    /// <param name="progress">Once a second: load, breakers and faults on.</param>
    /// <param name="started">Called once the control endpoint is up, before the load starts.</param>
    /// <exception cref="Input.InvalidInputException">The request does not validate (nothing was started).</exception>
    public async Task<GameDayOutcome> RunAsync(IProgress<RunProgress>? progress = null, Action<GameDayStarted>? started = null, CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref _started, 1) != 0)
        {
            throw new InvalidOperationException("a game day session runs once");
        }

        GameDayValidator.Validate(_request);
        var scenario = _request.Scenario;
        var seed = _request.Seed ?? scenario.Seed;
        var random = new SeededRandom(seed);
        var startedAt = _time.GetUtcNow();
        var runId = _request.RunId ?? RunIds.New(scenario.Name, startedAt);
        var workflow = _request.Config.Workflows.Single(w => w.Name == scenario.Workflow);
        var load = GameDayLoad.For(scenario.Load, _request.Duration);
        _duration = new LoadPlan([load]).TotalDuration;
        // The journal is on disk from its first entry: a game day killed outright still leaves what happened until then.
        Directory.CreateDirectory(_request.OutDirectory);
        using var journal = _journal = new GameDayJournal(_time, _time.GetTimestamp(), LiveJournalPath(_request.OutDirectory, scenario.Name, startedAt));
        using var end = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _end.Token);

        RunSession? session = null;
        ManualFaults? manual = null;
        GameDayControlServer? control = null;
        GameDayMetricsEndpoint? metrics = null;
        LoadResult? result = null;
        string? abortReason = null;
        WorkflowIteration? iteration = null;
        IReadOnlyDictionary<string, MessageAccounting> channels = new Dictionary<string, MessageAccounting>();
        try
        {
            session = _session = await RunSession.StartAsync(_request.Config, new Targets.RunTarget(_request.Target, _request.Adopt), _time, random.NextDouble, runId, _request.Config.ServiceEndpoints, Health.RuntimeProcessGauges.Instance, scenario.Instances, _request.Segment.IsWhole ? "resilience-lab" : $"resilience-lab-a{_request.Segment.Index}", _request.OutDirectory, cancellationToken).ConfigureAwait(false);
            await session.StartMeasuringAsync(workflow, _request.StartAt, cancellationToken).ConfigureAwait(false);
            journal.ResetOrigin(session.Origin);
            session.Infrastructure.Lost.Register(() =>
            {
                MarkEnding(session.Infrastructure.Reason ?? "infrastructure lost");
                RollbackAll();
                _ = _end.CancelAsync();
            });
            session.Metrics.Transitioned += OnBreakerTransition;

            var schedule = _schedule = new FaultSchedule(_request.UseSchedule ? scenario.Faults : [], session.FaultTargets, _time, session.Origin, seed);
            schedule.Switched += (spec, on) => JournalFault(spec, on, "schedule");
            manual = new ManualFaults(session.FaultTargets, _time, session.Origin, seed);
            manual.Switched += (spec, on) => JournalFault(spec, on, OperatorFaults.Source);
            _operator = new OperatorFaults(scenario.Catalogue, _request.UseSchedule ? scenario.Faults : [], schedule.Active, manual);

            control = GameDayControlServer.Start(this, _request.ControlPort);
            if (_request.MetricsPort is { } metricsPort)
            {
                metrics = GameDayMetricsEndpoint.Start(RenderMetrics, metricsPort);
            }

            journal.Add(
                GameDayJournal.RunStarted,
                $"game day '{scenario.Name}' started for {DurationParser.Format(_duration)} on {_request.Target}" + (_request.UseSchedule ? string.Empty : " (fault schedule skipped)"),
                ("scenario", scenario.Name),
                ("target", _request.Target),
                ("duration_s", _duration.TotalSeconds),
                ("load", Describe(load)),
                ("schedule", _request.UseSchedule),
                ("seed", seed),
                ("real_endpoints", string.Join(",", _request.Config.ServiceEndpoints.Keys)));
            started?.Invoke(new GameDayStarted(control.Url, control.Token, metrics?.Url, _duration, this) { JournalFile = journal.Path });
            schedule.Arm();

            var monitor = new StopConditionMonitor(scenario.StopConditions);
            var plan = new LoadPlan([load])
            {
                WarmUp = scenario.WarmUp,
                MaxInFlight = Math.Max(1, _request.Segment.ShareOf(scenario.MaxInFlight)),
                Segment = _request.Segment,
                GracePeriod = TimeSpan.FromSeconds(5),
            };
            iteration = new WorkflowIteration([.. session.Stack.Instances.Select(i => i.Orchestrator)], workflow);
            result = await new LoadRunner(_time, session.Origin).RunAsync(
                plan,
                iteration.RunAsync,
                new ProgressRelay<LoadProgress>(p => OnProgress(p, monitor, progress)),
                end.Token).ConfigureAwait(false);

            MarkEnding(cancellationToken.IsCancellationRequested ? $"interrupted ({Interruption()})" : "duration reached");
            abortReason = Volatile.Read(ref _trip)?.Reason
                ?? session.Infrastructure.Reason
                ?? (cancellationToken.IsCancellationRequested ? $"interrupted before the game day ended ({Interruption()}); faults were rolled back" : null);
            RollbackAll();
            await session.StopSamplingAsync().ConfigureAwait(false);
            if (abortReason is null)
            {
                await session.Stack.DrainAsync(DrainStall, DrainLimit, cancellationToken).ConfigureAwait(false);
            }

            channels = await session.AccountAsync().ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            abortReason = RunAborts.Interrupted(Interruption);
        }
        catch (Exception ex) when (RunAborts.IsInfrastructure(ex))
        {
            abortReason = RunAborts.Infrastructure(ex);
        }
        finally
        {
            RollbackAll();
            MarkEnding("run ended");
        }

        try
        {
            journal.Add(
                GameDayJournal.RunEnded,
                abortReason ?? $"game day ended ({_endedBy ?? "duration reached"})",
                ("reason", abortReason ?? _endedBy ?? "duration reached"),
                ("aborted", abortReason is not null),
                ("elapsed_s", Math.Round(session?.Elapsed.TotalSeconds ?? 0, 3)));
            var scheduled = _schedule?.Records() ?? [];
            var operatorRecords = manual?.Records() ?? [];

            // A game day in which no fault was ever switched on is a baseline: checks about a failure have nothing to judge.
            var anyFault = scheduled.Concat(operatorRecords).Any(f => f.ActualStart is not null);
            var judged = anyFault ? scenario : scenario with { Hypothesis = [] };
            if (session is not null)
            {
                await session.StopSamplingAsync().ConfigureAwait(false);
            }

            var request = new RunRequest { Scenario = scenario, Config = _request.Config, OutDirectory = _request.OutDirectory, Seed = seed, Label = _request.Label, Target = _request.Target };
            var observations = RunObservationsRecorder.Record(session, new RunRecording
            {
                RunId = runId,
                Scenario = scenario.Name,
                Identity = RunIdentities.For(request, scenario, seed, startedAt, runId),
                Load = result,
                Faults = [.. FaultReports.From(scheduled), .. FaultReports.From(operatorRecords, OperatorFaults.Source)],
                Messages = channels,
                AbortReason = abortReason,
                Degraded = iteration?.Degraded ?? 0,
                Journal = journal.Entries,
            });

            // The report is built from the journal on disk; if appending to it failed, from the copy kept in memory.
            journal.Dispose();
            var fromDisk = journal.WriteError is null && journal.Path is not null;
            var report = RunReportBuilder.Build(judged, fromDisk ? observations with { Journal = GameDayJournal.Read(journal.Path!) } : observations);
            var lines = fromDisk ? await File.ReadAllTextAsync(journal.Path!, CancellationToken.None).ConfigureAwait(false) : journal.ToJsonLines();
            string directory;
            try
            {
                directory = ReportFolderWriter.Write(_request.OutDirectory, report, [("journal.jsonl", lines), .. PercentileDistributionWriter.Files(observations.Load?.Latency, observations.Load?.ServiceTime), .. RunShards.For(_request.Segment, _request.Scenario, _request.Config, quick: false, dependencyHost: null, observations)]);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // The live journal (when it was written) stays where it is; the caller says what is missing and exits 3.
                return new GameDayOutcome(report, Path.Combine(_request.OutDirectory, report.Scenario), Volatile.Read(ref _trip)) { JournalWriteError = journal.WriteError, WriteError = ex.Message };
            }

            if (fromDisk)
            {
                // The report folder holds the journal now; the live file was its draft.
                File.Delete(journal.Path!);
            }

            return new GameDayOutcome(report, directory, Volatile.Read(ref _trip)) { JournalWriteError = journal.WriteError };
        }
        finally
        {
            if (control is not null)
            {
                await control.DisposeAsync().ConfigureAwait(false);
            }

            if (metrics is not null)
            {
                await metrics.DisposeAsync().ConfigureAwait(false);
            }

            if (session is not null)
            {
                session.Metrics.Transitioned -= OnBreakerTransition;
                await session.DisposeAsync().ConfigureAwait(false);
            }

            manual?.Dispose();
            _schedule?.Dispose();
            _end.Dispose();
        }
    }

    /// <summary>Where a game day's journal is appended while it runs: <c>OUT/SCENARIO.STARTED.journal.jsonl</c>, beside the report folder.</summary>
    public static string LiveJournalPath(string outDirectory, string scenario, DateTimeOffset startedAt) =>
        Path.Combine(outDirectory, $"{scenario}.{startedAt.UtcDateTime.ToString("yyyyMMdd'T'HHmmssfff'Z'", CultureInfo.InvariantCulture)}.journal.jsonl");

    private string Interruption() => _request.InterruptedBy?.Invoke() ?? "Ctrl-C";

    public IReadOnlyList<OperatorFaultInfo> Faults() => _operator?.List() ?? [];

    public ControlResult StartFault(string name) =>
        Ending() is { } why ? ControlResult.Refused(ControlRefusal.Conflict, why)
        : _operator?.Start(name) ?? ControlResult.Refused(ControlRefusal.Conflict, "the game day is still starting");

    public ControlResult StopFault(string name)
    {
        if (_operator is null)
        {
            return ControlResult.Refused(ControlRefusal.Conflict, "the game day is still starting");
        }

        _stoppedByOperator[name] = true;
        var result = _operator.Stop(name);
        _stoppedByOperator.TryRemove(name, out _);
        return result;
    }

    public ControlResult AddNote(string text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return ControlResult.Refused(ControlRefusal.Invalid, "a note needs text: {\"text\": \"...\"}");
        }

        if (_journal is not { } journal)
        {
            return ControlResult.Refused(ControlRefusal.Conflict, "the game day is still starting");
        }

        var entry = journal.Add(GameDayJournal.OperatorNote, text.Trim(), ("note", text.Trim()));
        return ControlResult.Ok($"noted at {entry.TimeS.ToString("0.0", CultureInfo.InvariantCulture)} s");
    }

    public ControlResult End()
    {
        if (Ending() is { } why)
        {
            return ControlResult.Refused(ControlRefusal.Conflict, why);
        }

        MarkEnding("ended by the operator");
        _journal?.Add(GameDayJournal.OperatorNote, "the operator ended the game day", ("note", "end"));
        _ = _end.CancelAsync();
        return ControlResult.Ok("ending: load stops, faults are rolled back, the report is written");
    }

    public GameDayStatus Status()
    {
        var last = Volatile.Read(ref _last);
        var session = _session;
        var trip = Volatile.Read(ref _trip);
        return new GameDayStatus
        {
            Scenario = _request.Scenario.Name,
            State = Ending() is null ? "running" : "ending",
            ElapsedS = Math.Round(last?.Elapsed.TotalSeconds ?? 0, 1),
            TotalS = _duration.TotalSeconds,
            RequestsPerSecond = Math.Round(last?.RequestsPerSecond ?? 0, 1),
            P99Ms = Math.Round(last?.P99Ms ?? 0, 1),
            Ok = last?.Ok ?? 0,
            Errors = last?.Errors ?? 0,
            Dropped = last?.Dropped ?? 0,
            InFlight = last?.InFlight ?? 0,
            Dependencies = session is null
                ? new Dictionary<string, DependencyStatus>()
                : _request.Config.Services.ToDictionary(
                    s => s.Name,
                    s =>
                    {
                        var total = session.Metrics.Total(s.Name);
                        return new DependencyStatus(total.Calls, total.Errors, total.Attempts, BreakerName(session, s.Name));
                    }),
            ActiveFaults = ActiveFaultNames(),
            StopReason = trip?.Reason,
        };
    }

    private void OnProgress(LoadProgress p, StopConditionMonitor monitor, IProgress<RunProgress>? progress)
    {
        var previous = Volatile.Read(ref _last);
        Volatile.Write(ref _last, p);
        var session = _session!;
        if (Volatile.Read(ref _trip) is null && Ending() is null)
        {
            var second = Math.Max(0, (int)session.Elapsed.TotalSeconds - 1);
            if (monitor.Observe(p.Elapsed, metric => Sample(metric, p, previous, session, second)) is { } trip)
            {
                Trip(trip);
            }
        }

        progress?.Report(new RunProgress(p, session.Stack.BreakerStates.ToDictionary(b => b.Key, b => b.Value.ToString()), ActiveFaultNames()));
    }

    private void Trip(StopConditionTrip trip)
    {
        Volatile.Write(ref _trip, trip);
        MarkEnding($"stop condition '{trip.Condition.Name}' tripped");
        _journal?.Add(
            GameDayJournal.StopConditionTripped,
            trip.Reason,
            ("name", trip.Condition.Name),
            ("metric", trip.Condition.Metric),
            ("op", Reporting.Hypotheses.ComparisonOperators.Symbol(trip.Condition.Operator)),
            ("threshold", trip.Condition.Threshold),
            ("for_s", trip.Condition.For.TotalSeconds),
            ("observed", trip.Observed),
            ("held_s", trip.HeldFor.TotalSeconds));

        // Faults first, at once; the load then stops gracefully.
        RollbackAll();
        _ = _end.CancelAsync();
    }

    private static double? Sample(string metric, LoadProgress p, LoadProgress? previous, RunSession session, int second)
    {
        var ok = p.Ok - (previous?.Ok ?? 0);
        var errors = p.Errors - (previous?.Errors ?? 0);
        switch (metric)
        {
            case StopConditionMetrics.ErrorRate:
                return ok + errors == 0 ? null : (double)errors / (ok + errors);
            case StopConditionMetrics.LatencyP99Ms:
                return p.P99Ms;
            case StopConditionMetrics.RequestsPerSecond:
                return p.RequestsPerSecond;
            case StopConditionMetrics.Dropped:
                return p.Dropped - (previous?.Dropped ?? 0);
            case StopConditionMetrics.InFlight:
                return p.InFlight;
        }

        var parts = metric.Split('.');
        if (parts.Length != 3)
        {
            return null;
        }

        if (parts[0] == "breaker")
        {
            return session.Stack.BreakerStates.TryGetValue(parts[1], out var state) ? BreakerLevel(state) : null;
        }

        var counts = session.Metrics.Second(parts[1], second);
        return parts[2] switch
        {
            "errors" => counts.Errors,
            "error_rate" => counts.Calls == 0 ? null : (double)counts.Errors / counts.Calls,
            "attempts_per_call" => counts.Calls == 0 ? null : (double)counts.Attempts / counts.Calls,
            _ => null,
        };
    }

    private string RenderMetrics()
    {
        var last = Volatile.Read(ref _last);
        var session = _session;
        var second = session is null ? 0 : (int)session.Elapsed.TotalSeconds;
        return new GameDayMetrics
        {
            ElapsedSeconds = last?.Elapsed.TotalSeconds ?? 0,
            Ok = last?.Ok ?? 0,
            Errors = last?.Errors ?? 0,
            Dropped = last?.Dropped ?? 0,
            WorkflowsPerSecond = last?.RequestsPerSecond ?? 0,
            LatencyP99Ms = last?.P99Ms ?? 0,
            InFlight = last?.InFlight ?? 0,
            Dependencies = session is null ? [] : [.. _request.Config.Services.Select(s =>
            {
                var total = session.Metrics.Total(s.Name);
                int? state = session.Stack.BreakerStates.TryGetValue(s.Name, out var breaker) ? BreakerLevel(breaker) : null;
                return (s.Name, total.Calls, total.Errors, total.Attempts, state);
            })],
            Queues = session is null ? [] : [.. session.LatestDepths(second).Select(q => (q.Key, (long)q.Value.Visible, (long)q.Value.InFlight))],
            ActiveFaults = [.. ActiveFaultSpecs().Select(f => (f.Spec.Name, f.Spec.Target, f.Source))],
        }.ToPrometheusText();
    }

    private List<(FaultSpec Spec, string Source)> ActiveFaultSpecs() =>
    [
        .. (_schedule?.Active() ?? []).Select(f => (f, "schedule")),
        .. (_operator?.Manual.Active() ?? []).Select(f => (f, OperatorFaults.Source)),
    ];

    private List<string> ActiveFaultNames() => [.. ActiveFaultSpecs().Select(f => $"{f.Spec.Name} → {f.Spec.Target}" + (f.Source == OperatorFaults.Source ? " (operator)" : string.Empty))];

    private void RollbackAll()
    {
        _schedule?.RollbackAll();
        _operator?.Manual.RollbackAll();
    }

    private string? Ending()
    {
        lock (_lock)
        {
            return _endedBy is null ? null : $"the game day is ending ({_endedBy})";
        }
    }

    private void MarkEnding(string why)
    {
        lock (_lock)
        {
            _endedBy ??= why;
        }
    }

    private void JournalFault(FaultSpec spec, bool on, string source)
    {
        string? reason = null;
        if (!on)
        {
            reason = Volatile.Read(ref _trip) is { } trip ? $"rolled back: stop condition '{trip.Condition.Name}' tripped"
                : source == OperatorFaults.Source && _stoppedByOperator.ContainsKey(spec.Name) ? "stopped by the operator"
                : Ending() is not null ? $"rolled back: {_endedBy}"
                : source == OperatorFaults.Source ? "its duration elapsed"
                : "its scheduled end";
        }

        _journal?.Add(
            on ? GameDayJournal.FaultOn : GameDayJournal.FaultOff,
            on ? $"{spec.Name} ({FaultNames.Of(spec.Kind)}) on {spec.Target}, switched on by the {(source == OperatorFaults.Source ? "operator" : "schedule")}" : $"{spec.Name} on {spec.Target} switched off ({reason})",
            ("fault", spec.Name),
            ("kind", FaultNames.Of(spec.Kind)),
            ("target", spec.Target),
            ("source", source),
            ("rate", spec.Rate),
            ("reason", reason));
    }

    private void OnBreakerTransition(BreakerTransition transition, string instance) =>
        _journal?.Add(
            GameDayJournal.BreakerTransition,
            $"{transition.ServiceName} breaker {transition.From} → {transition.To}: {transition.Reason}",
            ("service", transition.ServiceName),
            ("from", transition.From.ToString()),
            ("to", transition.To.ToString()),
            ("reason", transition.Reason));

    private static string BreakerName(RunSession session, string service) =>
        !session.Stack.BreakerStates.TryGetValue(service, out var state) ? "none" : state switch
        {
            CircuitState.Open => "open",
            CircuitState.HalfOpen => "half_open",
            _ => "closed",
        };

    private static int BreakerLevel(CircuitState state) => state switch
    {
        CircuitState.Open => 2,
        CircuitState.HalfOpen => 1,
        _ => 0,
    };

    private static string Describe(LoadSimulation load) => load switch
    {
        Inject s => string.Create(CultureInfo.InvariantCulture, $"inject {s.Rate:0.##} per {DurationParser.Format(s.Interval)}"),
        KeepConstant s => string.Create(CultureInfo.InvariantCulture, $"keep_constant {s.Copies} users"),
        _ => load.ToString(),
    };
}
