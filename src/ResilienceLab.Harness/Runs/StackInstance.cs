using System.Text.Json.Nodes;
using ResilienceLab.Harness.Configuration;
using ResilienceLab.Harness.Messages;
using ResilienceLab.Infrastructure.Provisioning;
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
/// One running copy of the system under test, with its own instance id: its service clients and local breakers, its
/// side of each shared breaker (a manager writing to the shared table under this instance's id), its producers'
/// outboxes, its request-queue workers and event consumers (competing with the other instances' on the shared queues),
/// its event service, its orchestrator and its telemetry. What the fleet shares (queues, bus, table, dependencies, the
/// message ledger) is passed in.
/// </summary>
internal sealed class StackInstance : IAsyncDisposable
{
    private readonly LooseCouplingConfig _config;
    private readonly List<(string Queue, RequestQueueWorker Worker)> _requestWorkers = [];
    private readonly List<QueueEventConsumer> _eventConsumers = [];
    private readonly List<CircuitBreakerManager> _sharedBreakers = [];
    private readonly Dictionary<string, ProducerOutbox> _outboxes = new(StringComparer.Ordinal);
    private readonly List<Task> _workers = [];

    private StackInstance(string id, LooseCouplingConfig config, StackTelemetry telemetry)
    {
        Id = id;
        _config = config;
        Telemetry = telemetry;
    }

    /// <summary>The instance id: <c>resilience-lab-1</c>, <c>-2</c>, ... (its failures count under it in the breaker table).</summary>
    public string Id { get; }

    public StackTelemetry Telemetry { get; }

    public LooseCouplingOrchestrator Orchestrator { get; private set; } = null!;

    /// <summary>Each service's local breaker (the one deciding, unless the service shares its state through the table).</summary>
    public IReadOnlyDictionary<string, CircuitBreaker> Breakers { get; private set; } = null!;

    public EventDrivenService? EventService { get; private set; }

    public IReadOnlyDictionary<string, ProducerOutbox> Outboxes => _outboxes;

    /// <summary>Builds instance <paramref name="number"/> (from 1) over the fleet's shared <paramref name="parts"/>.</summary>
    public static StackInstance Build(int number, StackParts parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        var id = $"{parts.InstancePrefix}-{number}";
        var http = parts.HttpFor(number);
        var config = parts.Config;
        var time = parts.Time;
        var random = parts.Random;
        var instance = new StackInstance(id, config, new StackTelemetry());
        var telemetry = instance.Telemetry;
        var clients = new Dictionary<string, IServiceInterface>(StringComparer.Ordinal);
        var breakers = new Dictionary<string, CircuitBreaker>(StringComparer.Ordinal);
        var workers = new List<(string Queue, IServiceInterface Worker)>();
        foreach (var service in config.Services)
        {
            CircuitBreakerManager? shared = null;
            if (config.TableBackedBreakers.Contains(service.Name))
            {
                shared = new CircuitBreakerManager(
                    parts.Decorators.BreakerTable(parts.Backend.GetBreakerTable()),
                    new DistributedBreakerOptions
                    {
                        InstanceId = id,
                        FailureThreshold = service.CircuitBreaker.FailureThreshold,
                        TimeoutSeconds = Math.Max(1, (int)Math.Ceiling(service.CircuitBreaker.BreakDuration.TotalSeconds)),
                        HalfOpenMaxCalls = service.CircuitBreaker.HalfOpenMaxCalls,
                        MinInstancesToOpen = config.BreakerTable.MinInstancesToOpen,
                        MaxContributionPerInstance = config.BreakerTable.MaxContributionPerInstance,
                        FallbackToLocalState = config.BreakerTable.FallbackToLocalState,
                        Mode = config.BreakerTable.Mode,
                        RefreshInterval = config.BreakerTable.RefreshInterval ?? DistributedBreakerOptions.DefaultRefreshInterval,
                    },
                    time,
                    random,
                    telemetry);
                instance._sharedBreakers.Add(shared);
            }

            IMessageQueue? requestQueue = null;
            if (service.RequestQueue is { } queueName)
            {
                // Poison marking, then the run's stamp (so the ledger knows what was marked), then the outbox, then the queue.
                var producer = parts.Queue(queueName);
                if (service.OutboxCapacity > 0)
                {
                    var outbox = new ProducerOutbox(producer, service.OutboxCapacity, time);
                    instance._outboxes[queueName] = outbox;
                    producer = outbox;
                }

                requestQueue = parts.Decorators.ProducerQueue(queueName, new LedgerProducerQueue(producer, parts.Ledger, queueName));

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
                workers.Add((queueName, new AsyncServiceClient(workerOptions, parts.Registry, http, time, random)));
            }

            var client = new AsyncServiceClient(service, parts.Registry, http, time, random, telemetry, requestQueue, distributedBreaker: shared);
            clients[service.Name] = client;
            breakers[service.Name] = client.Breaker;
        }

        IWorkflowEventPublisher? events = null;
        if (config.EventService is { } es && parts.Plan.EventBus is { } busPlan)
        {
            var dlq = es.DeadLetterQueue is { } dlqName ? parts.Queue(dlqName) : null;
            instance.EventService = new EventDrivenService(
                new EventServiceOptions { Name = es.Name, EventBusName = busPlan.PhysicalName, OutboxCapacity = es.OutboxCapacity },
                parts.Decorators.EventBus(parts.Backend.GetEventBus()),
                time,
                dlq,
                telemetry,
                random);
            events = new LedgerWorkflowEvents(instance.EventService, parts.Ledger, RunStack.EventsChannel);
            foreach (var eventType in new[] { WorkflowEvents.Completed, WorkflowEvents.Failed })
            {
                instance.EventService.RegisterEventHandler(eventType, HandleWorkflowEventAsync);
            }

            // Topic subscribers other than request queues are consumed like rule targets (a notification is handled as unhandled and deleted).
            var requestQueues = config.Services.Select(s => s.RequestQueue).Where(q => q is not null).ToHashSet(StringComparer.Ordinal);
            var delivered = busPlan.Rules.SelectMany(r => r.TargetQueues).Concat(parts.Plan.Topics.SelectMany(t => t.SubscribedQueues));
            foreach (var target in delivered.Where(q => !requestQueues.Contains(q)).Distinct(StringComparer.Ordinal))
            {
                instance._eventConsumers.Add(new QueueEventConsumer(parts.Decorators.ConsumerQueue(target, new LedgerConsumerQueue(parts.Queue(target), parts.Ledger)), instance.EventService, time, new QueueEventConsumerOptions(), telemetry));
            }
        }

        foreach (var (queueName, worker) in workers)
        {
            instance._requestWorkers.Add((queueName, new RequestQueueWorker(parts.Decorators.ConsumerQueue(queueName, new LedgerConsumerQueue(parts.Queue(queueName), parts.Ledger)), worker, time, telemetry, parts.Decorators.IsPoison)));
        }

        var orchestratorOptions = new OrchestratorOptions { FailedWorkflowEvent = config.EventService?.FailedWorkflowEvent ?? WorkflowEvents.Completed };
        instance.Orchestrator = new LooseCouplingOrchestrator(clients, time, events, parts.Topics, orchestratorOptions);
        instance.Breakers = breakers;
        return instance;
    }

    /// <summary>Messages waiting in this instance's outboxes.</summary>
    public long Pending => (EventService?.Outbox.Pending ?? 0) + _outboxes.Values.Sum(o => o.Pending);

    /// <summary>Ids of the run's messages waiting in this instance's outboxes.</summary>
    public IEnumerable<string> PendingIds(string runId) =>
        _outboxes.Values.SelectMany(o => o.PendingMessages()).Select(m => MessageIdentity.Find(runId, m.Attributes, null))
            .Concat(EventService?.PendingEvents().Select(e => MessageIdentity.Find(runId, null, e.Detail)) ?? [])
            .Where(id => id is not null)
            .Select(id => id!);

    /// <summary>Starts the consumers, workers and the outbox pumps in the background.</summary>
    public void Start(CancellationToken token)
    {
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

    /// <summary>Waits (up to <paramref name="patience"/>) for the background work to stop after its token was cancelled.</summary>
    public async Task StopAsync(TimeSpan patience, TimeProvider time)
    {
        try
        {
            await Task.WhenAll(_workers).WaitAsync(patience, time).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OperationCanceledException or TimeoutException or PortException)
        {
            // Workers stop on cancellation; one that did not finish in time is abandoned with the process.
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var breaker in _sharedBreakers)
        {
            await breaker.DisposeAsync().ConfigureAwait(false);
        }

        Telemetry.Dispose();
    }

    // The workflow events' consumer: handling is receiving them; the ledger records each as processed when it is deleted.
    private static ValueTask HandleWorkflowEventAsync(JsonObject detail, CancellationToken cancellationToken) => ValueTask.CompletedTask;
}
