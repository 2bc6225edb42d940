using System.Text.Json.Nodes;
using ResilienceLab.Harness.Configuration;
using ResilienceLab.Harness.Messages;
using ResilienceLab.Harness.Targets;
using ResilienceLab.Infrastructure.Provisioning;
using ResilienceLab.Reporting.Model;
using ResilienceLab.Stack.Breaker;
using ResilienceLab.Stack.Discovery;
using ResilienceLab.Stack.Distributed;
using ResilienceLab.Stack.Events;
using ResilienceLab.Stack.Ports;
using ResilienceLab.Stack.Services;
using ResilienceLab.Stack.Telemetry;
using ResilienceLab.Stack.Workflows;

namespace ResilienceLab.Harness.Runs;

/// <summary>
/// The system under test for one run, built from the config on a provisioned backend: service clients (synchronous,
/// or asynchronous through a request queue with a worker on the other side), breakers (local or shared through the
/// breaker table), the event-driven service with its outbox, the consumers of the queues rules and topics deliver to,
/// the topics workflows publish their outcome to, and the orchestrator. It also keeps the message accounting.
/// </summary>
internal sealed class RunStack : IAsyncDisposable
{
    private readonly LooseCouplingConfig _config;
    private readonly ResourcePlan _plan;
    private readonly IResourceBackend _backend;
    private readonly TimeProvider _time;
    private readonly StackTelemetry _telemetry;
    private readonly PortDecorators _decorators;
    private readonly CancellationTokenSource _background = new();
    private readonly List<Task> _workers = [];
    private readonly List<(string Queue, RequestQueueWorker Worker)> _requestWorkers = [];
    private readonly List<QueueEventConsumer> _eventConsumers = [];
    private readonly HashSet<string> _requestQueues = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IMessageQueue> _queues = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ProducerOutbox> _outboxes = new(StringComparer.Ordinal);
    private readonly MessageLedger _ledger;

    private RunStack(LooseCouplingConfig config, ResourcePlan plan, IResourceBackend backend, TimeProvider time, StackTelemetry telemetry, PortDecorators decorators, MessageLedger ledger)
    {
        _config = config;
        _plan = plan;
        _backend = backend;
        _time = time;
        _telemetry = telemetry;
        _decorators = decorators;
        _ledger = ledger;
    }

    /// <summary>The channel of the orchestrator's workflow events in the message accounting.</summary>
    public const string EventsChannel = "workflow-events";

    public required LooseCouplingOrchestrator Orchestrator { get; init; }

    public required IReadOnlyDictionary<string, IServiceInterface> Clients { get; init; }

    /// <summary>Each service's local breaker (the one deciding, unless the service shares its state through the table).</summary>
    public required IReadOnlyDictionary<string, CircuitBreaker> Breakers { get; init; }

    public EventDrivenService? EventService { get; private set; }

    /// <summary>Every queue of the plan, as the run's ports see it (for depth readings).</summary>
    public IReadOnlyDictionary<string, IMessageQueue> Queues => _queues;

    public ProvisioningReport? Provisioning { get; private set; }

    /// <summary>
    /// Provisions the plan on the backend (refusing drifted or not-owned resources unless <paramref name="adopt"/>; aborting
    /// when a resource could not be provisioned) and builds the stack on it.
    /// </summary>
    public static async Task<RunStack> BuildAsync(
        LooseCouplingConfig config,
        IResourceBackend backend,
        bool adopt,
        IServiceRegistry registry,
        HttpClient http,
        TimeProvider time,
        Func<double> random,
        StackTelemetry telemetry,
        PortDecorators decorators,
        MessageLedger ledger,
        CancellationToken cancellationToken)
    {
        var plan = ResourcePlanBuilder.Build(config);
        var gate = await ProvisioningGate.ProvisionAsync(backend, plan, ResourceComponents.All, adopt, stopOnFailure: true, cancellationToken).ConfigureAwait(false);
        ProvisioningGate.EnsureUsable(gate, config.SourceFile);
        var provisioning = gate.Report;
        var clients = new Dictionary<string, IServiceInterface>(StringComparer.Ordinal);
        var breakers = new Dictionary<string, CircuitBreaker>(StringComparer.Ordinal);
        var queues = new Dictionary<string, IMessageQueue>(StringComparer.Ordinal);
        var outboxes = new Dictionary<string, ProducerOutbox>(StringComparer.Ordinal);
        IMessageQueue Queue(string name)
        {
            if (!queues.TryGetValue(name, out var queue))
            {
                queue = decorators.Queue(name, backend.GetQueue(name));
                queues[name] = queue;
            }

            return queue;
        }

        var workers = new List<(string Queue, IServiceInterface Worker)>();
        foreach (var service in config.Services)
        {
            CircuitBreakerManager? shared = null;
            if (config.TableBackedBreakers.Contains(service.Name))
            {
                shared = new CircuitBreakerManager(
                    decorators.BreakerTable(backend.GetBreakerTable()),
                    new DistributedBreakerOptions
                    {
                        InstanceId = "resilience-lab-1",
                        FailureThreshold = service.CircuitBreaker.FailureThreshold,
                        TimeoutSeconds = Math.Max(1, (int)Math.Ceiling(service.CircuitBreaker.BreakDuration.TotalSeconds)),
                        HalfOpenMaxCalls = service.CircuitBreaker.HalfOpenMaxCalls,
                        MinInstancesToOpen = config.BreakerTable.MinInstancesToOpen,
                        MaxContributionPerInstance = config.BreakerTable.MaxContributionPerInstance,
                        FallbackToLocalState = config.BreakerTable.FallbackToLocalState,
                    },
                    time,
                    random,
                    telemetry);
            }

            IMessageQueue? requestQueue = null;
            if (service.RequestQueue is { } queueName)
            {
                // Poison marking, then the run's stamp (so the ledger knows what was marked), then the outbox, then the queue.
                var producer = Queue(queueName);
                if (service.OutboxCapacity > 0)
                {
                    var outbox = new ProducerOutbox(producer, service.OutboxCapacity, time);
                    outboxes[queueName] = outbox;
                    producer = outbox;
                }

                requestQueue = decorators.ProducerQueue(queueName, new LedgerProducerQueue(producer, ledger, queueName));

                // The worker performing queued requests calls the service synchronously, with the same settings.
                var workerOptions = new ServiceOptions
                {
                    Name = service.Name,
                    Path = service.Path,
                    AttemptTimeout = service.AttemptTimeout,
                    OverallTimeout = service.OverallTimeout,
                    Retry = service.Retry,
                    CircuitBreaker = service.CircuitBreaker,
                };
                workers.Add((queueName, new AsyncServiceClient(workerOptions, registry, http, time, random)));
            }

            var client = new AsyncServiceClient(service, registry, http, time, random, telemetry, requestQueue, distributedBreaker: shared);
            clients[service.Name] = client;
            breakers[service.Name] = client.Breaker;
        }

        EventDrivenService? eventService = null;
        IWorkflowEventPublisher? events = null;
        if (config.EventService is { } es && plan.EventBus is { } busPlan)
        {
            var dlq = es.DeadLetterQueue is { } dlqName ? Queue(dlqName) : null;
            eventService = new EventDrivenService(
                new EventServiceOptions { Name = es.Name, EventBusName = busPlan.PhysicalName, OutboxCapacity = es.OutboxCapacity },
                decorators.EventBus(backend.GetEventBus()),
                time,
                dlq,
                telemetry,
                random);
            events = new LedgerWorkflowEvents(eventService, ledger, EventsChannel);
        }

        // Each topic is a channel of its own in the message accounting.
        var topics = plan.Topics.ToDictionary(
            t => t.Name,
            t => (ITopic)new LedgerTopic(decorators.Topic(t.Name, backend.GetTopic(t.Name)), ledger, t.Name),
            StringComparer.Ordinal);
        var orchestratorOptions = new OrchestratorOptions { FailedWorkflowEvent = config.EventService?.FailedWorkflowEvent ?? WorkflowEvents.Completed };
        var stack = new RunStack(config, plan, backend, time, telemetry, decorators, ledger)
        {
            Orchestrator = new LooseCouplingOrchestrator(clients, time, events, topics, orchestratorOptions),
            Clients = clients,
            Breakers = breakers,
        };
        stack.Provisioning = provisioning;
        stack.EventService = eventService;
        foreach (var (name, queue) in queues)
        {
            stack._queues[name] = queue;
        }

        foreach (var (queueName, _) in workers)
        {
            stack._requestQueues.Add(queueName);
        }

        foreach (var (name, outbox) in outboxes)
        {
            stack._outboxes[name] = outbox;
        }

        foreach (var (queueName, worker) in workers)
        {
            stack._requestWorkers.Add((queueName, new RequestQueueWorker(decorators.ConsumerQueue(queueName, new LedgerConsumerQueue(Queue(queueName), ledger)), worker, time, telemetry, decorators.IsPoison)));
        }

        if (eventService is not null)
        {
            foreach (var eventType in new[] { WorkflowEvents.Completed, WorkflowEvents.Failed })
            {
                eventService.RegisterEventHandler(eventType, HandleWorkflowEventAsync);
            }

            // Topic subscribers other than request queues are consumed like rule targets (a notification is handled as unhandled and deleted).
            var delivered = plan.EventBus!.Rules.SelectMany(r => r.TargetQueues).Concat(plan.Topics.SelectMany(t => t.SubscribedQueues));
            foreach (var target in delivered.Where(q => !stack._requestQueues.Contains(q)).Distinct(StringComparer.Ordinal))
            {
                stack._eventConsumers.Add(new QueueEventConsumer(decorators.ConsumerQueue(target, new LedgerConsumerQueue(Queue(target), ledger)), eventService, time, new QueueEventConsumerOptions(), telemetry));
            }
        }

        foreach (var queuePlan in plan.Queues)
        {
            Queue(queuePlan.Name);
            stack._queues.TryAdd(queuePlan.Name, queues[queuePlan.Name]);
        }

        return stack;
    }

    /// <summary>Starts the consumers, workers and the outbox pump in the background.</summary>
    public void Start()
    {
        var token = _background.Token;
        foreach (var (queue, worker) in _requestWorkers)
        {
            var concurrency = _config.Services.FirstOrDefault(s => s.RequestQueue == queue)?.WorkerConcurrency ?? 1;
            for (var i = 0; i < concurrency; i++)
            {
                _workers.Add(Task.Run(() => worker.RunAsync(token), CancellationToken.None));
            }
        }

        foreach (var consumer in _eventConsumers)
        {
            _workers.Add(Task.Run(() => consumer.RunAsync(token), CancellationToken.None));
        }

        if (EventService is not null)
        {
            _workers.Add(EventService.StartOutboxPump(TimeSpan.FromMilliseconds(250), token));
        }

        foreach (var outbox in _outboxes.Values)
        {
            _workers.Add(outbox.RunAsync(TimeSpan.FromMilliseconds(250), token));
        }
    }

    /// <summary>After the load: waits (up to <paramref name="timeout"/>) until the outbox is empty and no main queue holds a message.</summary>
    public async Task<bool> DrainAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var started = _time.GetTimestamp();
        while (_time.GetElapsedTime(started) < timeout && !cancellationToken.IsCancellationRequested)
        {
            if (await IsDrainedAsync(cancellationToken).ConfigureAwait(false))
            {
                return true;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200), _time, cancellationToken).ConfigureAwait(false);
        }

        return await IsDrainedAsync(CancellationToken.None).ConfigureAwait(false);
    }

    /// <summary>Where every message of the run went, per channel (each request queue, and the workflow events), by identity.</summary>
    public Task<IReadOnlyDictionary<string, MessageAccounting>> AccountAsync(CancellationToken cancellationToken)
    {
        var pending = _outboxes.Values.SelectMany(o => o.PendingMessages()).Select(m => MessageIdentity.Find(_ledger.RunId, m.Attributes, null))
            .Concat(EventService?.PendingEvents().Select(e => MessageIdentity.Find(_ledger.RunId, null, e.Detail)) ?? [])
            .Where(id => id is not null)
            .Select(id => id!);
        var accountant = new MessageAccountant(_ledger, _plan, _backend.GetQueue, _config.EventService?.DeadLetterQueue is { } dlq ? [dlq] : []);
        return accountant.AccountAsync(pending, cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await _background.CancelAsync().ConfigureAwait(false);
        try
        {
            await Task.WhenAll(_workers).WaitAsync(TimeSpan.FromSeconds(5), _time).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OperationCanceledException or TimeoutException or PortException)
        {
            // Workers stop on cancellation; one that did not finish in time is abandoned with the process.
        }

        _background.Dispose();
    }

    // The workflow events' consumer: handling is receiving them; the ledger records each as processed when it is deleted.
    private static ValueTask HandleWorkflowEventAsync(JsonObject detail, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    private async Task<bool> IsDrainedAsync(CancellationToken cancellationToken)
    {
        if ((EventService is { } events && events.Outbox.Pending > 0) || _outboxes.Values.Any(o => o.Pending > 0))
        {
            return false;
        }

        foreach (var queue in _plan.Queues.Where(q => q.RedrivePolicy is not null || _requestQueues.Contains(q.Name)))
        {
            try
            {
                if ((await _queues[queue.Name].GetDepthAsync(cancellationToken).ConfigureAwait(false)).Total > 0)
                {
                    return false;
                }
            }
            catch (PortException)
            {
                return false;
            }
        }

        return true;
    }
}
