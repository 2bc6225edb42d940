using System.Net;
using ResilienceLab.Chaos.Dependencies;
using ResilienceLab.Chaos.Faults;
using ResilienceLab.Chaos.Ports;
using ResilienceLab.Chaos.Process;
using ResilienceLab.Chaos.Records;
using ResilienceLab.Harness.Configuration;
using ResilienceLab.Harness.Health;
using ResilienceLab.Harness.Messages;
using ResilienceLab.Harness.Observations;
using ResilienceLab.Harness.Targets;
using ResilienceLab.Infrastructure.Provisioning;
using ResilienceLab.Reporting.Model;
using ResilienceLab.Stack.Discovery;
using ResilienceLab.Stack.Telemetry;
using ResilienceLab.Stack.Workflows;

namespace ResilienceLab.Harness.Runs;

/// <summary>
/// Everything one run stands up, in the order it must: WireMock dependency servers registered by name, the backend
/// with the config's resources provisioned, the stack built over fault-injecting ports, telemetry, and the fault
/// targets. A scenario run and a game day both drive a session; disposing it tears everything down.
/// </summary>
internal sealed class RunSession : IAsyncDisposable
{
    private readonly TimeProvider _time;
    private readonly Dictionary<string, DependencyServer> _dependencies = new(StringComparer.Ordinal);
    private readonly SocketsHttpHandler _handler;
    private readonly HttpClient _http;
    private readonly List<HttpClient> _instanceClients = [];
    private readonly ServiceRegistry _registry = new();
    private readonly CancellationTokenSource _sampling = new();
    private readonly IProcessGauges _gauges;
    private HarnessHealthSampler? _health;
    private QueueDepthSampler? _depths;
    private bool _provisioned;
    private string _instancePrefix = "resilience-lab";
    private string? _recordsDirectory;

    private RunSession(LooseCouplingConfig config, IResourceBackend backend, TimeProvider time, IProcessGauges gauges)
    {
        Config = config;
        Backend = backend;
        _time = time;
        _gauges = gauges;
        Clock = new RunClock(time);
        Infrastructure = new InfrastructureWatch(time);
        Injector = new ApiFaultInjector(time);
        var mainQueues = config.MessageQueues.Select(q => q.Name).ToList();
        ConsumerFaults = new ConsumerFaults(mainQueues);
        Poison = new PoisonMarker(mainQueues.Concat(config.PubSubTopics.Select(t => t.Name)));
        _handler = new SocketsHttpHandler
        {
            UseProxy = false,
            MaxConnectionsPerServer = 2_000,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            ConnectTimeout = TimeSpan.FromSeconds(5),
            AutomaticDecompression = DecompressionMethods.None,
            // Service-to-service calls keep no cookie jar: one handler serves every instance of the fleet, and a jar
            // would carry one instance's cookies on another's calls (and be read on every request).
            UseCookies = false,
        };
        _http = new HttpClient(_handler) { Timeout = Timeout.InfiniteTimeSpan };
    }

    public LooseCouplingConfig Config { get; }

    public IResourceBackend Backend { get; }

    /// <summary>The fleet's counters and breaker transitions (built with the stack).</summary>
    public StackMetricsCollector Metrics { get; private set; } = null!;

    public ApiFaultInjector Injector { get; }

    public ConsumerFaults ConsumerFaults { get; }

    public PoisonMarker Poison { get; }

    /// <summary>Stops the run (aborted, naming the endpoint) when the backend's endpoints stop answering.</summary>
    public InfrastructureWatch Infrastructure { get; }

    /// <summary>The run's time zero; moved to the start of the measured run by <see cref="StartMeasuring"/>.</summary>
    public RunClock Clock { get; }

    /// <summary>Timestamp the run's offsets count from.</summary>
    public long Origin => Clock.Origin;

    public IReadOnlyDictionary<string, DependencyServer> Dependencies => _dependencies;

    public RunStack Stack { get; private set; } = null!;

    /// <summary>Every fault target of the run: services (HTTP), resources (API), consumers and producers (process).</summary>
    public IFaultTargets FaultTargets { get; private set; } = null!;

    /// <summary>Starts the dependencies, provisions the resources and builds the stack; failures leave a session safe to dispose.</summary>
    public static Task<RunSession> StartAsync(LooseCouplingConfig config, RunTarget target, TimeProvider time, Func<double> random, string runId, CancellationToken cancellationToken) =>
        StartAsync(config, target, time, random, runId, new Dictionary<string, Uri>(), RuntimeProcessGauges.Instance, instances: 1, cancellationToken);

    /// <summary>
    /// As <see cref="StartAsync(LooseCouplingConfig, RunTarget, TimeProvider, Func{double}, string, CancellationToken)"/>, but a
    /// service in <paramref name="realEndpoints"/> is called at that address and gets no WireMock server (so no HTTP fault
    /// target), and the stack runs as <paramref name="instances"/> instances.
    /// </summary>
    public static Task<RunSession> StartAsync(LooseCouplingConfig config, RunTarget target, TimeProvider time, Func<double> random, string runId, IReadOnlyDictionary<string, Uri> realEndpoints, IProcessGauges gauges, int instances, CancellationToken cancellationToken) =>
        StartAsync(config, target, time, random, runId, realEndpoints, gauges, instances, "resilience-lab", cancellationToken);

    /// <summary>As above; the fleet's instance ids are <paramref name="instancePrefix"/>-1, -2, ... (unique across the agents of a distributed run).</summary>
    public static Task<RunSession> StartAsync(LooseCouplingConfig config, RunTarget target, TimeProvider time, Func<double> random, string runId, IReadOnlyDictionary<string, Uri> realEndpoints, IProcessGauges gauges, int instances, string instancePrefix, CancellationToken cancellationToken) =>
        StartAsync(config, target, time, random, runId, realEndpoints, gauges, instances, instancePrefix, recordsDirectory: null, cancellationToken);

    /// <summary>
    /// As above; the run's records (where each message went, each dependency's arrivals) keep their settled parts in
    /// files in <paramref name="recordsDirectory"/> (the output folder, unlinked at once) rather than in memory, so a long
    /// run's memory stays flat. Null keeps them in memory.
    /// </summary>
    public static async Task<RunSession> StartAsync(LooseCouplingConfig config, RunTarget target, TimeProvider time, Func<double> random, string runId, IReadOnlyDictionary<string, Uri> realEndpoints, IProcessGauges gauges, int instances, string instancePrefix, string? recordsDirectory, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(realEndpoints);
        ArgumentNullException.ThrowIfNull(target);
        var session = new RunSession(config, BackendFactory.Create(target.Name, config, time), time, gauges) { _instancePrefix = instancePrefix, _recordsDirectory = recordsDirectory };
        try
        {
            var registry = session._registry;
            foreach (var service in config.Services)
            {
                if (realEndpoints.TryGetValue(service.Name, out var real))
                {
                    registry.Register(service.Name, real.AbsoluteUri.EndsWith('/') ? real : new Uri(real.AbsoluteUri + "/"));
                    continue;
                }

                var server = DependencyServer.Start(service.Name, time, session.Origin, service.StubLatency);
                session._dependencies[service.Name] = server;
                registry.Register(service.Name, server.Endpoint);
            }

            // Faults are injected above the watch, so only the real endpoint's silence counts as infrastructure lost.
            var watch = session.Infrastructure;
            var placements = session.Backend.Placements;
            var decorators = new PortDecorators
            {
                Queue = (name, queue) => new FaultyMessageQueue(new WatchedMessageQueue(queue, watch, Endpoint(config, "SQS", placements.Sqs)), session.Injector, name),
                Topic = (name, topic) => new FaultyTopic(new WatchedTopic(topic, watch, Endpoint(config, "SNS", placements.Sns)), session.Injector, name),
                ConsumerQueue = (name, queue) => new ConsumerFaultQueue(queue, session.ConsumerFaults, name),
                ProducerQueue = (name, queue) => new PoisonMarkingQueue(queue, session.Poison, name),
                EventBus = bus => new FaultyEventBus(new WatchedEventBus(bus, watch, Endpoint(config, "EventBridge", placements.Events)), session.Injector),
                BreakerTable = table => new FaultyBreakerTable(new WatchedBreakerTable(table, watch, Endpoint(config, "DynamoDB", placements.DynamoDb)), session.Injector),
                IsPoison = PoisonMarker.IsPoison,
            };
            session._provisioned = true;
            session.Stack = await RunStack.BuildAsync(config, session.Backend, target.Adopt, registry, session.HttpFor, time, random, decorators, new MessageLedger(runId, RecordSpill.TryCreate(recordsDirectory)), instances, instancePrefix, cancellationToken).ConfigureAwait(false);
            session.Metrics = new StackMetricsCollector(session.Stack.Instances.Select(i => (i.Id, i.Telemetry)), session.Clock);
            session.FaultTargets = Chaos.Faults.FaultTargets.ForServices(session._dependencies).Add(session.Injector).Add(session.ConsumerFaults).Add(session.Poison);
            session.Stack.Start();
            return session;
        }
        catch
        {
            await session.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// Runs the workflow a few times so connections are open and code is compiled, then starts the measured run:
    /// offsets, counters and arrivals count from now, and queue depths are sampled once a second.
    /// </summary>
    public Task StartMeasuringAsync(WorkflowDefinition workflow, CancellationToken cancellationToken) => StartMeasuringAsync(workflow, null, cancellationToken);

    /// <summary>As <see cref="StartMeasuringAsync(WorkflowDefinition, CancellationToken)"/>, with time zero at <paramref name="startAt"/> (shared by the agents of one run).</summary>
    public Task StartMeasuringAsync(WorkflowDefinition workflow, DateTimeOffset? startAt, CancellationToken cancellationToken) =>
        StartMeasuringAsync(async token => await Stack.Orchestrator.ExecuteWorkflowAsync(workflow, token).ConfigureAwait(false), startAt, cancellationToken);

    /// <summary>Runs <paramref name="warmUp"/> a few times (connections open, code compiled), then starts the measured run.</summary>
    public async Task StartMeasuringAsync(Func<CancellationToken, Task> warmUp, DateTimeOffset? startAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(warmUp);
        for (var i = 0; i < 3; i++)
        {
            await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => warmUp(cancellationToken))).ConfigureAwait(false);
        }

        StartMeasuring(startAt);
    }

    public void StartMeasuring(DateTimeOffset? startAt = null)
    {
        Clock.Restart(startAt);
        Metrics.Reset();
        foreach (var server in _dependencies.Values)
        {
            server.ResetOrigin(Origin, RecordSpill.TryCreate(_recordsDirectory));
        }

        _depths = new QueueDepthSampler(Stack.Queues, _sampling.Token);
        _health = new HarnessHealthSampler(Clock, _gauges);
        _health.SecondEnded += _depths.SecondEnded;
        _health.SecondEnded += second =>
        {
            foreach (var server in _dependencies.Values)
            {
                server.SealAddedLatency(second);
            }
        };
        _health.Start();
    }

    public TimeSpan Elapsed => Clock.Elapsed;

    /// <summary>The harness's own health per second so far.</summary>
    public IReadOnlyList<HarnessSample> HarnessSeconds => _health?.Seconds ?? [];

    /// <summary>Queue depths read so far, per queue.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<QueueSample>> QueueDepths => _depths?.Samples() ?? new Dictionary<string, IReadOnlyList<QueueSample>>();

    /// <summary>Each queue's latest depth read by the end of <paramref name="second"/>, if read in the 5 s before it.</summary>
    public IReadOnlyDictionary<string, QueueSecond> LatestDepths(int second) => _depths?.LatestDepths(second, maxAgeSeconds: 5) ?? new Dictionary<string, QueueSecond>();

    /// <summary>Stops the once-a-second samplers (the measured run is over); their readings stay.</summary>
    public async Task StopSamplingAsync()
    {
        if (_health is not null)
        {
            await _health.DisposeAsync().ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _sampling.CancelAsync().ConfigureAwait(false);
        await StopSamplingAsync().ConfigureAwait(false);

        if (Stack is not null)
        {
            await Stack.DisposeAsync().ConfigureAwait(false);
        }


        if (_provisioned)
        {
            // A run leaves nothing in-process behind; resources on AWS or DynamoDB stay until `teardown`.
            await Backend.ReleaseRunResourcesAsync(ResourcePlanBuilder.Build(Config), CancellationToken.None).ConfigureAwait(false);
        }

        await Backend.DisposeAsync().ConfigureAwait(false);
        foreach (var server in _dependencies.Values)
        {
            server.Dispose();
        }

        foreach (var client in _instanceClients)
        {
            client.Dispose();
        }

        _http.Dispose();
        _handler.Dispose();
        _sampling.Dispose();
        Infrastructure.Dispose();
        Metrics?.Dispose();
    }

    /// <summary>Where dependency <paramref name="name"/> answers (a WireMock server of the run, or its real endpoint).</summary>
    public Uri DependencyAddress(string name) => _registry.Resolve(name);

    /// <summary>A client for instance <paramref name="instance"/>: the run's one connection pool, its requests naming the instance.</summary>
    private HttpClient HttpFor(int instance)
    {
        var client = new HttpClient(new InstanceHeaderHandler(instance, $"{_instancePrefix}-{instance}") { InnerHandler = _handler }, disposeHandler: false) { Timeout = Timeout.InfiniteTimeSpan };
        _instanceClients.Add(client);
        return client;
    }

    private static string Endpoint(LooseCouplingConfig config, string service, Placement placement) => placement.Kind switch
    {
        PlacementKind.Endpoint => $"the {service} endpoint {placement.Endpoint}",
        PlacementKind.Aws => $"the {service} endpoint of {config.AwsRegion}",
        PlacementKind.InProcess => $"the in-process {service}",
    };

    /// <summary>Message accounting per channel, once the work is drained (or the run aborted).</summary>
    public Task<IReadOnlyDictionary<string, MessageAccounting>> AccountAsync() => Stack.AccountAsync(CancellationToken.None);
}
