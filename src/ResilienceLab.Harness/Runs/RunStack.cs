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
/// The system under test for one run: a fleet of <see cref="StackInstance"/>s (one unless the scenario asks for more)
/// over what they share, provisioned once from the config: the queues, bus and breaker table (through the run's port
/// decorators), the dependencies and the message ledger. It drains the fleet's queued work and accounts for its messages.
/// </summary>
internal sealed class RunStack : IAsyncDisposable
{
    private readonly LooseCouplingConfig _config;
    private readonly ResourcePlan _plan;
    private readonly IResourceBackend _backend;
    private readonly TimeProvider _time;
    private readonly CancellationTokenSource _background = new();
    private readonly HashSet<string> _requestQueues;
    private readonly Dictionary<string, IMessageQueue> _queues;
    private readonly MessageLedger _ledger;

    private RunStack(LooseCouplingConfig config, ResourcePlan plan, IResourceBackend backend, TimeProvider time, MessageLedger ledger, Dictionary<string, IMessageQueue> queues, IReadOnlyList<StackInstance> instances)
    {
        _config = config;
        _plan = plan;
        _backend = backend;
        _time = time;
        _ledger = ledger;
        _queues = queues;
        Instances = instances;
        _requestQueues = config.Services.Select(s => s.RequestQueue).Where(q => q is not null).Select(q => q!).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>The channel of the orchestrator's workflow events in the message accounting.</summary>
    public const string EventsChannel = "workflow-events";

    /// <summary>The fleet, in instance order.</summary>
    public IReadOnlyList<StackInstance> Instances { get; }

    /// <summary>The first instance's orchestrator (warm-up, a control cohort).</summary>
    public Stack.Workflows.LooseCouplingOrchestrator Orchestrator => Instances[0].Orchestrator;

    /// <summary>
    /// Each service's breaker state across the fleet: the worst of the instances' local breakers (open, then half-open,
    /// then closed), as live displays and stop conditions read it.
    /// </summary>
    public IReadOnlyDictionary<string, CircuitState> BreakerStates =>
        _config.Services.ToDictionary(
            s => s.Name,
            s => Instances.Select(i => i.Breakers[s.Name].State).OrderByDescending(Severity).First(),
            StringComparer.Ordinal);

    /// <summary>Every queue of the plan, as the run's ports see it (for depth readings).</summary>
    public IReadOnlyDictionary<string, IMessageQueue> Queues => _queues;

    public ProvisioningReport? Provisioning { get; private set; }

    /// <summary>
    /// Provisions the plan on the backend (refusing drifted or not-owned resources unless <paramref name="adopt"/>; aborting
    /// when a resource could not be provisioned) and builds <paramref name="instances"/> instances of the stack on it.
    /// </summary>
    public static async Task<RunStack> BuildAsync(
        LooseCouplingConfig config,
        IResourceBackend backend,
        bool adopt,
        IServiceRegistry registry,
        Func<int, HttpClient> httpFor,
        TimeProvider time,
        Func<double> random,
        PortDecorators decorators,
        MessageLedger ledger,
        int instances,
        string instancePrefix,
        CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(instances, 1);
        var plan = ResourcePlanBuilder.Build(config);
        var gate = await ProvisioningGate.ProvisionAsync(backend, plan, ResourceComponents.All, adopt, stopOnFailure: true, cancellationToken).ConfigureAwait(false);
        ProvisioningGate.EnsureUsable(gate, config.SourceFile);
        var provisioning = gate.Report;
        var queues = new Dictionary<string, IMessageQueue>(StringComparer.Ordinal);
        IMessageQueue Queue(string name)
        {
            if (!queues.TryGetValue(name, out var queue))
            {
                queue = decorators.Queue(name, backend.GetQueue(name));
                queues[name] = queue;
            }

            return queue;
        }

        foreach (var queuePlan in plan.Queues)
        {
            Queue(queuePlan.Name);
        }

        // Each topic is a channel of its own in the message accounting; the fleet publishes to the same topics.
        var topics = plan.Topics.ToDictionary(
            t => t.Name,
            t => (ITopic)new LedgerTopic(decorators.Topic(t.Name, backend.GetTopic(t.Name)), ledger, t.Name),
            StringComparer.Ordinal);
        var parts = new StackParts(config, plan, backend, registry, httpFor, time, random, decorators, ledger, Queue, topics, instancePrefix);
        var fleet = Enumerable.Range(1, instances).Select(i => StackInstance.Build(i, parts)).ToList();
        return new RunStack(config, plan, backend, time, ledger, queues, fleet) { Provisioning = provisioning };
    }

    /// <summary>Starts every instance's consumers, workers and outbox pumps in the background.</summary>
    public void Start()
    {
        foreach (var instance in Instances)
        {
            instance.Start(_background.Token);
        }
    }

    /// <summary>
    /// After the load: waits until no outbox holds a message and no main queue or dead-letter queue's source holds one,
    /// for as long as the backlog keeps shrinking (a slow consumer is given time; a stuck one is not): it stops when the
    /// backlog has not shrunk for <paramref name="stall"/>, or after <paramref name="limit"/> in all.
    /// </summary>
    public async Task<bool> DrainAsync(TimeSpan stall, TimeSpan limit, CancellationToken cancellationToken, IProgress<long>? progress = null)
    {
        var started = _time.GetTimestamp();
        var lowest = long.MaxValue;
        var lastProgress = started;
        var lastReport = long.MinValue;
        while (_time.GetElapsedTime(started) < limit && !cancellationToken.IsCancellationRequested)
        {
            var remaining = await RemainingAsync(cancellationToken).ConfigureAwait(false);
            if (remaining == 0)
            {
                return true;
            }

            if (progress is not null && remaining is { } left && (lastReport == long.MinValue || _time.GetElapsedTime(lastReport) >= TimeSpan.FromSeconds(1)))
            {
                // A long wait is not a hang: the user sees how much is left, once a second.
                lastReport = _time.GetTimestamp();
                progress.Report(left);
            }

            var now = _time.GetTimestamp();
            if (remaining is { } r && r < lowest)
            {
                lowest = r;
                lastProgress = now;
            }
            else if (_time.GetElapsedTime(lastProgress, now) >= stall)
            {
                break;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200), _time, cancellationToken).ConfigureAwait(false);
        }

        return await RemainingAsync(CancellationToken.None).ConfigureAwait(false) == 0;
    }

    /// <summary>Where every message of the run went, per channel (each request queue, and the workflow events), by identity.</summary>
    public Task<IReadOnlyDictionary<string, MessageAccounting>> AccountAsync(CancellationToken cancellationToken)
    {
        var pending = Instances.SelectMany(i => i.PendingIds(_ledger.RunId)).ToList();
        var accountant = new MessageAccountant(_ledger, _plan, _backend.GetQueue, _config.EventService?.DeadLetterQueue is { } dlq ? [dlq] : []);
        return accountant.AccountAsync(pending, cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await _background.CancelAsync().ConfigureAwait(false);
        await Task.WhenAll(Instances.Select(i => i.StopAsync(TimeSpan.FromSeconds(5), _time))).ConfigureAwait(false);
        foreach (var instance in Instances)
        {
            await instance.DisposeAsync().ConfigureAwait(false);
        }

        _background.Dispose();
        _ledger.Dispose();
    }

    private static int Severity(CircuitState state) => state switch
    {
        CircuitState.Open => 2,
        CircuitState.HalfOpen => 1,
        CircuitState.Closed => 0,
    };

    /// <summary>Messages still waiting to be handled (outboxes and main queues), or null when a queue cannot be read.</summary>
    private async Task<long?> RemainingAsync(CancellationToken cancellationToken)
    {
        var remaining = Instances.Sum(i => i.Pending);
        foreach (var queue in _plan.Queues.Where(q => q.RedrivePolicy is not null || _requestQueues.Contains(q.Name)))
        {
            try
            {
                remaining += (await _queues[queue.Name].GetDepthAsync(cancellationToken).ConfigureAwait(false)).Total;
            }
            catch (PortException)
            {
                return null;
            }
        }

        return remaining;
    }
}
