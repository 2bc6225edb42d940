using ResilienceLab.Chaos.Faults;
using ResilienceLab.Harness.Scenarios;
using ResilienceLab.Harness.Targets;
using ResilienceLab.Load;
using ResilienceLab.Reporting.Model;
using ResilienceLab.Reporting.Writers;
using ResilienceLab.Stack.Breaker;

namespace ResilienceLab.Harness.Runs;

/// <summary>
/// One scenario run: stands the session up (dependencies, resources, stack), warms it, arms the fault schedule, drives
/// the workflow under the scenario's load, rolls every fault back (also on Ctrl-C and on error), drains queued work,
/// records what it observed, judges the hypothesis on those observations and writes the report folder. A run that did
/// not finish still writes a partial report with verdict aborted.
/// </summary>
public sealed class ScenarioRunner
{
    // Queued work is given time while it shrinks: 10 s without progress ends the wait, 2 minutes in all.
    private static readonly TimeSpan DrainStall = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan DrainLimit = TimeSpan.FromMinutes(2);

    private readonly TimeProvider _time;

    public ScenarioRunner(TimeProvider timeProvider)
    {
        _time = timeProvider;

        // A load generator must not wait for the thread pool to grow: starvation would show up as the system's latency.
        ThreadPool.GetMinThreads(out var workers, out var io);
        ThreadPool.SetMinThreads(Math.Max(workers, 64), Math.Max(io, 64));
    }

    public async Task<RunOutcome> RunAsync(RunRequest request, IProgress<RunProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var scenario = request.Quick ? ScenarioReader.Quick(request.Scenario) : request.Scenario;
        var seed = request.Seed ?? scenario.Seed;
        var random = new SeededRandom(seed);
        var startedAt = _time.GetUtcNow();
        var runId = request.RunId ?? RunIds.New(scenario.Name, startedAt);
        var workflow = request.Step is null ? request.Config.Workflows.Single(w => w.Name == scenario.Workflow) : null;

        RunSession? session = null;
        RunSession? controlSession = null;
        ControlCohort? control = null;
        var controlIterations = new System.Collections.Concurrent.ConcurrentBag<Task>();
        FaultSchedule? faults = null;
        LoadResult? load = null;
        string? abortReason = null;
        WorkflowIteration? iteration = null;
        IReadOnlyDictionary<string, MessageAccounting> channels = new Dictionary<string, MessageAccounting>();
        try
        {
            session = await RunSession.StartAsync(request.Config, new RunTarget(request.Target, request.Adopt), _time, random.NextDouble, runId, request.DependencyEndpoints, Health.RuntimeProcessGauges.Instance, scenario.Instances, request.Segment.IsWhole ? "resilience-lab" : $"resilience-lab-a{request.Segment.Index}", request.OutDirectory, cancellationToken).ConfigureAwait(false);
            if (scenario.Control)
            {
                // The control cohort always runs in-process: on the aws target it would share the experiment's resources.
                controlSession = await RunSession.StartAsync(request.Config, RunTarget.InProcess, _time, new SeededRandom(seed + 1).NextDouble, runId + "-control", cancellationToken).ConfigureAwait(false);
                await controlSession.StartMeasuringAsync(workflow!, cancellationToken).ConfigureAwait(false);
            }

            var started = session;
            foreach (var breaker in request.ExternalBreakers)
            {
                breaker.Attach(session.Stack.Instances[0].Telemetry, _time);
            }

            LoadIteration? step = request.Step is { } custom
                ? (context, token) => custom(new StepContext(context, started.DependencyAddress), token)
                : null;
            if (step is null)
            {
                await session.StartMeasuringAsync(workflow!, request.StartAt, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await session.StartMeasuringAsync(async token => await step(new IterationContext(-1, TimeSpan.Zero, TimeSpan.Zero), token).ConfigureAwait(false), request.StartAt, cancellationToken).ConfigureAwait(false);
            }

            control = controlSession is null ? null : new ControlCohort(controlSession, workflow!, session.Clock);
            // A dependency host runs the HTTP faults on its own servers; the API and process faults stay here.
            var local = scenario.Faults.Where(f => f.Category != FaultCategory.Http || !request.DependencyEndpoints.ContainsKey(f.Target));
            faults = new FaultSchedule(local, session.FaultTargets, _time, session.Origin, seed);
            faults.Arm();

            var plan = new LoadPlan(scenario.Load)
            {
                WarmUp = scenario.WarmUp,
                MaxInFlight = Math.Max(1, request.Segment.ShareOf(scenario.MaxInFlight)),
                Segment = request.Segment,
                GracePeriod = TimeSpan.FromSeconds(5),
            };
            var stack = session.Stack;
            var metrics = session.Metrics;
            var shared = request.Config.TableBackedBreakers;
            var schedule = faults;
            RunProgress? last = null;
            IProgress<LoadProgress>? loadProgress = progress is null
                ? null
                : new ProgressRelay<LoadProgress>(p => progress.Report(last = new RunProgress(
                    p,
                    // A shared breaker decides through the table; its state is the last transition a table write made.
                    stack.BreakerStates.ToDictionary(b => b.Key, b => (shared.Contains(b.Key) ? metrics.LastState(b.Key) ?? CircuitState.Closed : b.Value).ToString()),
                    [.. schedule.Active().Select(f => $"{f.Name} → {f.Target}")])));
            iteration = workflow is null ? null : new WorkflowIteration([.. session.Stack.Instances.Select(i => i.Orchestrator)], workflow);
            // A lost endpoint stops the load as Ctrl-C would; the abort then names the endpoint.
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, session.Infrastructure.Lost);
            load = await new LoadRunner(_time, session.Origin).RunAsync(
                plan,
                async (context, token) =>
                {
                    if (control is not null)
                    {
                        // Same arrival, other cohort; not awaited so the experiment's latency is its own.
                        controlIterations.Add(control.RunIterationAsync(token));
                    }

                    return step is not null ? await step(context, token).ConfigureAwait(false) : await iteration!.RunAsync(context, token).ConfigureAwait(false);
                },
                loadProgress,
                stop.Token).ConfigureAwait(false);
            if (load.Cancelled)
            {
                abortReason = session.Infrastructure.Reason ?? RunAborts.InterruptedBeforeTheEnd(request.InterruptedBy);
            }

            faults.RollbackAll();
            await session.StopSamplingAsync().ConfigureAwait(false);
            await Task.WhenAll(controlIterations).WaitAsync(TimeSpan.FromSeconds(10), _time, CancellationToken.None).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            if (abortReason is null)
            {
                // Asynchronous work still queued is given time to finish before anything counts as lost.
                var draining = progress is null || last is null ? null : new ProgressRelay<long>(left => progress.Report(last with { Draining = left }));
                await session.Stack.DrainAsync(DrainStall, DrainLimit, cancellationToken, draining).ConfigureAwait(false);
            }

            channels = await session.AccountAsync().ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            abortReason = RunAborts.Interrupted(request.InterruptedBy);
        }
        catch (Exception ex) when (RunAborts.IsInfrastructure(ex))
        {
            abortReason = RunAborts.Infrastructure(ex);
        }
        finally
        {
            faults?.RollbackAll();
        }

        if (session?.Infrastructure.Reason is { } lost)
        {
            // Lost while draining or counting: what was counted then is not the system's doing either.
            abortReason = lost;
        }

        try
        {
            if (session is not null)
            {
                await session.StopSamplingAsync().ConfigureAwait(false);
            }

            var reportStarted = _time.GetTimestamp();
            var observations = RunObservationsRecorder.Record(session, new RunRecording
            {
                RunId = runId,
                Scenario = scenario.Name,
                Identity = RunIdentities.For(request, scenario, seed, startedAt, runId),
                Load = load,
                Faults = [.. FaultReports.From(faults?.Records() ?? [])],
                Messages = channels,
                AbortReason = abortReason,
                Control = control?.Samples(),
                Degraded = iteration?.Degraded ?? 0,
            });
            var report = RunReportBuilder.Build(scenario, observations);
            try
            {
                var directory = ReportFolderWriter.Write(request.OutDirectory, report, [.. PercentileDistributionWriter.Files(observations.Load?.Latency, observations.Load?.ServiceTime), .. RunShards.For(request.Segment, request.Scenario, request.Config, request.Quick, request.DependencyHost, observations)]);
                return new RunOutcome(report, directory) { Observations = observations, ReportTime = _time.GetElapsedTime(reportStarted) };
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // The verdict was reached; only its files are missing. The caller says so and exits 3.
                return new RunOutcome(report, Path.Combine(request.OutDirectory, report.Scenario)) { Observations = observations, WriteError = ex.Message };
            }
        }
        finally
        {
            if (session is not null)
            {
                await session.DisposeAsync().ConfigureAwait(false);
            }

            if (controlSession is not null)
            {
                await controlSession.DisposeAsync().ConfigureAwait(false);
            }
        }
    }
}
