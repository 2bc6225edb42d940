using System.Net;
using ResilienceLab.Chaos.Dependencies;
using ResilienceLab.Chaos.Faults;
using ResilienceLab.Chaos.Ports;
using ResilienceLab.Chaos.Process;
using ResilienceLab.Harness.Configuration;
using ResilienceLab.Harness.Scenarios;
using ResilienceLab.Harness.Targets;
using ResilienceLab.Stack.Ports;
using ResilienceLab.Load;
using ResilienceLab.Reporting.Writers;
using ResilienceLab.Stack.Discovery;
using ResilienceLab.Stack.Services;
using ResilienceLab.Stack.Telemetry;
using ResilienceLab.Stack.Workflows;

namespace ResilienceLab.Harness.Runs;

/// <summary>
/// Composes one run: starts a WireMock server per service and registers it, builds the stack, arms the fault schedule,
/// drives the workflow under the scenario's load, rolls every fault back (also on Ctrl-C and on error), judges the
/// hypothesis and writes the report folder. A run that did not finish still writes a partial report with verdict aborted.
/// </summary>
public sealed class ScenarioRunner
{
    private static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(15);

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
        var origin = _time.GetTimestamp();
        var config = request.Config;
        var workflow = config.Workflows.Single(w => w.Name == scenario.Workflow);

        using var telemetry = new StackTelemetry();
        using var metrics = new StackMetricsCollector(telemetry, _time, origin);
        var dependencies = new Dictionary<string, DependencyServer>(StringComparer.Ordinal);
        FaultSchedule? faults = null;
        LoadResult? load = null;
        string? abortReason = null;
        long degraded = 0;
        RunStack? stack = null;
        IReadOnlyDictionary<string, Reporting.Model.MessageAccounting> channels = new Dictionary<string, Reporting.Model.MessageAccounting>();
        using var handler = new SocketsHttpHandler
        {
            UseProxy = false,
            MaxConnectionsPerServer = 2_000,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            ConnectTimeout = TimeSpan.FromSeconds(5),
            AutomaticDecompression = DecompressionMethods.None,
        };
        using var http = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
        await using var backend = BackendFactory.Create(request.Target, config, _time);
        using var sampling = new CancellationTokenSource();
        Task? sampler = null;
        try
        {
            var registry = new ServiceRegistry();
            foreach (var service in config.Services)
            {
                var server = DependencyServer.Start(service.Name, _time, origin);
                dependencies[service.Name] = server;
                registry.Register(service.Name, server.Endpoint);
            }

            var injector = new ApiFaultInjector(_time);
            var mainQueues = config.MessageQueues.Select(q => q.Name).ToList();
            var consumerFaults = new ConsumerFaults(mainQueues);
            var poison = new PoisonMarker(mainQueues.Concat(config.PubSubTopics.Select(t => t.Name)));
            var decorators = new PortDecorators
            {
                Queue = (name, queue) => new FaultyMessageQueue(queue, injector, name),
                ConsumerQueue = (name, queue) => new ConsumerFaultQueue(queue, consumerFaults, name),
                ProducerQueue = (name, queue) => new PoisonMarkingQueue(queue, poison, name),
                EventBus = bus => new FaultyEventBus(bus, injector),
                BreakerTable = table => new FaultyBreakerTable(table, injector),
                IsPoison = PoisonMarker.IsPoison,
            };
            stack = await RunStack.BuildAsync(config, backend, registry, http, _time, random.NextDouble, telemetry, decorators, cancellationToken).ConfigureAwait(false);
            stack.Start();
            await WarmUpAsync(stack, workflow, cancellationToken).ConfigureAwait(false);
            var breakers = stack.Breakers;
            var orchestrator = stack.Orchestrator;
            // The measured run starts now: everything before (servers, provisioning, warm-up) is set-up.
            origin = _time.GetTimestamp();
            metrics.ResetOrigin(origin);
            foreach (var server in dependencies.Values)
            {
                server.ResetOrigin(origin);
            }

            sampler = SampleDepthsAsync(stack, origin, sampling.Token);
            var targets = FaultTargets.ForServices(dependencies).Add(injector).Add(consumerFaults).Add(poison);
            faults = new FaultSchedule(scenario.Faults, targets, _time, origin, seed);
            faults.Arm();

            var plan = new LoadPlan(scenario.Load)
            {
                WarmUp = scenario.WarmUp,
                MaxInFlight = scenario.MaxInFlight,
                GracePeriod = TimeSpan.FromSeconds(5),
            };
            var schedule = faults;
            IProgress<LoadProgress>? loadProgress = progress is null
                ? null
                : new ProgressRelay<LoadProgress>(p => progress.Report(new RunProgress(
                    p,
                    breakers.ToDictionary(b => b.Key, b => b.Value.State.ToString()),
                    [.. schedule.Active().Select(f => $"{f.Name} → {f.Target}")])));

            load = await new LoadRunner(_time).RunAsync(
                plan,
                async (context, token) =>
                {
                    var result = await orchestrator.ExecuteWorkflowAsync(workflow, token).ConfigureAwait(false);
                    if (result.Status == WorkflowStatus.Completed)
                    {
                        if (result.Steps.Any(s => s.Degraded))
                        {
                            Interlocked.Increment(ref degraded);
                        }

                        return IterationOutcome.Success;
                    }

                    var failed = result.FailedStep;
                    return IterationOutcome.Failure(failed is null ? "workflow_error" : $"{failed.ServiceName}:{failed.Error}");
                },
                loadProgress,
                cancellationToken).ConfigureAwait(false);
            if (load.Cancelled)
            {
                abortReason = "interrupted before the load finished (Ctrl-C); faults were rolled back";
            }

            faults.RollbackAll();
            if (abortReason is null)
            {
                // Asynchronous work still queued is given time to finish before anything counts as lost.
                await stack.DrainAsync(DrainTimeout, cancellationToken).ConfigureAwait(false);
            }

            channels = await stack.AccountAsync().ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            abortReason = "interrupted (Ctrl-C); faults were rolled back";
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException or InvalidOperationException or TimeoutException or System.Net.Sockets.SocketException or PortException or Amazon.Runtime.AmazonServiceException or Amazon.Runtime.AmazonClientException)
        {
            abortReason = $"infrastructure error: {ex.Message}";
        }
        finally
        {
            faults?.RollbackAll();
            await sampling.CancelAsync().ConfigureAwait(false);
            if (sampler is not null)
            {
                await sampler.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }

            if (stack is not null)
            {
                await stack.DisposeAsync().ConfigureAwait(false);
            }

            if (backend.Target == "local" && stack?.Provisioning is not null)
            {
                await backend.TeardownAsync(ResourcePlanBuilder.Build(config), CancellationToken.None).ConfigureAwait(false);
            }
        }

        var report = new RunReportBuilder
        {
            Scenario = scenario,
            Request = request,
            Seed = seed,
            StartedAt = startedAt,
            Duration = _time.GetElapsedTime(origin),
            Load = load,
            Metrics = metrics,
            Dependencies = dependencies,
            Faults = faults?.Records() ?? [],
            Services = config.Services,
            Degraded = Interlocked.Read(ref degraded),
            AbortReason = abortReason,
            MessageChannels = channels,
            QueueDepths = stack is null ? null : stack.DepthsAt,
        }.Build();

        foreach (var server in dependencies.Values)
        {
            server.Dispose();
        }

        var directory = ReportFolderWriter.Write(request.OutDirectory, report);
        return new RunOutcome(report, directory);
    }

    /// <summary>
    /// Runs the workflow a few times before the clock starts, so connections are open and code is compiled: the first
    /// measured second then shows the system, not the harness starting up. Breakers are reset afterwards by construction
    /// (warm-up calls go to healthy dependencies).
    /// </summary>
    private static async Task WarmUpAsync(RunStack stack, WorkflowDefinition workflow, CancellationToken cancellationToken)
    {
        for (var i = 0; i < 3; i++)
        {
            await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => stack.Orchestrator.ExecuteWorkflowAsync(workflow, cancellationToken).AsTask())).ConfigureAwait(false);
        }
    }

    private async Task SampleDepthsAsync(RunStack stack, long origin, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1), _time);
        while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
        {
            var second = (int)_time.GetElapsedTime(origin).TotalSeconds - 1;
            await stack.SampleDepthsAsync(Math.Max(0, second), cancellationToken).ConfigureAwait(false);
        }
    }
}
