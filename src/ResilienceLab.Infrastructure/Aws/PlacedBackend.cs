using System.Collections.Concurrent;
using Amazon.DynamoDBv2;
using Amazon.Runtime;
using Amazon.SQS;
using ResilienceLab.Infrastructure.Local;
using ResilienceLab.Infrastructure.Provisioning;
using ResilienceLab.Stack.Ports;

namespace ResilienceLab.Infrastructure.Aws;

/// <summary>
/// A backend whose services each live where <see cref="ServicePlacements"/> says: in-process (a <see cref="LocalBackend"/>),
/// on the region's AWS endpoint or on an endpoint URL (SQS through the SDK, SNS and EventBridge through small SigV4
/// clients, DynamoDB through the SDK). An in-process bus or topic delivers to queues wherever they are. Everything created
/// outside this process is tagged <c>CreatedBy=resilience-lab</c>; teardown deletes nothing without that tag. A run
/// releases only the in-process resources; the others stay, as shared state, until <see cref="TeardownAsync"/>.
/// </summary>
public sealed class PlacedBackend : IResourceBackend
{
    private static readonly string[] KindOrder = ["dlq", "queue", "topic", "event-bus", "rule", "policy", "table"];

    private readonly AwsServiceClients _clients;
    private readonly bool _ownsClients;
    private readonly LocalBackend _local;
    private readonly SqsQueueProvisioner? _queues;
    private readonly SnsTopicProvisioner? _topics;
    private readonly EventBusProvisioner? _bus;
    private readonly BreakerTableProvisioner? _table;
    private readonly ConcurrentDictionary<string, SqsMessageQueue> _remoteQueues = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, SnsTopic> _remoteTopics = new(StringComparer.Ordinal);
    private volatile ResourcePlan? _plan;

    /// <summary>A backend with its own clients for the services <paramref name="placements"/> puts outside this process; disposing it disposes them.</summary>
    public PlacedBackend(ServicePlacements placements, AwsEndpointOptions options, TimeProvider timeProvider)
        : this(CreateClients(placements, options, timeProvider), placements, ownsClients: true, timeProvider)
    {
    }

    /// <summary>A backend on clients the caller owns (and disposes); a service without a client is in-process.</summary>
    public PlacedBackend(AwsServiceClients clients, TimeProvider timeProvider)
        : this(clients, PlacementsOf(clients), ownsClients: false, timeProvider)
    {
    }

    private PlacedBackend(AwsServiceClients clients, ServicePlacements placements, bool ownsClients, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        _clients = clients with
        {
            SqsCalls = clients.SqsCalls ?? (clients.Sqs is { } s ? DefaultPolicy("SQS", s.Config, timeProvider) : null),
            DynamoDbCalls = clients.DynamoDbCalls ?? (clients.DynamoDb is { } d ? DefaultPolicy("DynamoDB", d.Config, timeProvider) : null),
        };
        _ownsClients = ownsClients;
        Placements = placements;
        _local = new LocalBackend(timeProvider, name => _remoteQueues.GetValueOrDefault(name));
        if (_clients.Sqs is { } sqs)
        {
            _queues = new SqsQueueProvisioner(sqs, _clients.SqsCalls!);
        }

        if (_clients.Sns is { } sns)
        {
            _topics = new SnsTopicProvisioner(sns);
        }

        if (_clients.Events is { } events)
        {
            _bus = new EventBusProvisioner(events, events.Policy);
        }

        if (_clients.DynamoDb is { } dynamoDb)
        {
            _table = new BreakerTableProvisioner(dynamoDb, _clients.DynamoDbCalls!, timeProvider, AwsEndpointOptions.IsLoopback(ServiceUri(dynamoDb.Config)));
        }
    }

    public ServicePlacements Placements { get; }

    public Task<ProvisioningReport> InspectAsync(ResourcePlan plan, ResourceComponents components = ResourceComponents.All, CancellationToken cancellationToken = default) =>
        PassAsync(plan, components, create: false, cancellationToken);

    public async Task<ProvisioningReport> ProvisionAsync(ResourcePlan plan, ResourceComponents components = ResourceComponents.All, CancellationToken cancellationToken = default)
    {
        var report = await PassAsync(plan, components, create: true, cancellationToken).ConfigureAwait(false);
        _plan = plan;
        return report;
    }

    public async Task<ProvisioningReport> TeardownAsync(ResourcePlan plan, ResourceComponents components = ResourceComponents.All, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var pass = new ProvisioningPass();

        // Dependents first: rules and topics stop delivering before their queues go; queues before their dead-letter queues.
        if (_bus is not null && components.HasFlag(ResourceComponents.Events) && plan.EventBus is { } bus)
        {
            await _bus.TeardownAsync(bus, pass, cancellationToken).ConfigureAwait(false);
        }

        if (_topics is not null && components.HasFlag(ResourceComponents.Topics))
        {
            await _topics.TeardownAsync(plan, pass, cancellationToken).ConfigureAwait(false);
        }

        var local = await _local.TeardownAsync(plan, InProcess(components), cancellationToken).ConfigureAwait(false);
        if (_queues is not null && components.HasFlag(ResourceComponents.Queues))
        {
            await _queues.TeardownAsync(plan, pass, cancellationToken).ConfigureAwait(false);
            foreach (var queue in plan.Queues)
            {
                _remoteQueues.TryRemove(queue.Name, out _);
            }
        }

        if (_table is not null && components.HasFlag(ResourceComponents.BreakerTable))
        {
            await _table.TeardownAsync(plan, pass, cancellationToken).ConfigureAwait(false);
        }

        return new ProvisioningReport([.. local.Resources, .. pass.Resources]);
    }

    /// <summary>Removes the in-process resources; those outside this process stay until <see cref="TeardownAsync"/>.</summary>
    public async Task ReleaseRunResourcesAsync(ResourcePlan plan, CancellationToken cancellationToken = default) =>
        await _local.TeardownAsync(plan, InProcess(ResourceComponents.All), cancellationToken).ConfigureAwait(false);

    public IMessageQueue GetQueue(string name) => _queues is null
        ? _local.GetQueue(name)
        : _remoteQueues.TryGetValue(name, out var queue)
            ? queue
            : throw new InvalidOperationException($"queue '{name}' is not provisioned on {_queues.Calls.Endpoint}; run ProvisionAsync with a plan that has it first");

    public ITopic GetTopic(string name) => _topics is null
        ? _local.GetTopic(name)
        : _remoteTopics.TryGetValue(name, out var topic)
            ? topic
            : throw new InvalidOperationException($"topic '{name}' is not provisioned on {_clients.Sns!.Endpoint}; run ProvisionAsync with a plan that has it first");

    public IEventBus GetEventBus()
    {
        if (_clients.Events is not { } events)
        {
            return _local.GetEventBus();
        }

        var bus = RequirePlan().EventBus ?? throw new InvalidOperationException("the provisioned plan has no event bus");
        return new EventBridgeBus(events, bus.PhysicalName);
    }

    public IBreakerTable GetBreakerTable() => _clients.DynamoDb is { } dynamoDb
        ? new DynamoDbBreakerTable(dynamoDb, RequirePlan().BreakerTable.PhysicalName)
        : _local.GetBreakerTable();

    public async ValueTask DisposeAsync()
    {
        await _local.DisposeAsync().ConfigureAwait(false);
        if (_ownsClients)
        {
            _clients.Sqs?.Dispose();
            _clients.Sns?.Dispose();
            _clients.Events?.Dispose();
            _clients.DynamoDb?.Dispose();
        }
    }

    private async Task<ProvisioningReport> PassAsync(ResourcePlan plan, ResourceComponents components, bool create, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var pass = new ProvisioningPass();

        IReadOnlyDictionary<string, ProvisionedQueue> queues = new Dictionary<string, ProvisionedQueue>();
        if (_queues is not null)
        {
            queues = components.HasFlag(ResourceComponents.Queues)
                ? await _queues.ProvisionAsync(plan, pass, create, cancellationToken).ConfigureAwait(false)
                : await FindDeliveryTargetsAsync(plan, components, cancellationToken).ConfigureAwait(false);
            foreach (var queue in queues.Values)
            {
                _remoteQueues[queue.Name] = new SqsMessageQueue(_clients.Sqs!, queue.Name, queue.Url, _clients.SqsCalls!);
            }
        }

        var local = await InProcessPassAsync(plan, InProcess(components), pass, create, cancellationToken).ConfigureAwait(false);

        var topicArns = new Dictionary<string, string>(StringComparer.Ordinal);
        if (_topics is not null && components.HasFlag(ResourceComponents.Topics))
        {
            foreach (var (name, arn) in await _topics.ProvisionAsync(plan, queues, pass, create, cancellationToken).ConfigureAwait(false))
            {
                topicArns[name] = arn;
                _remoteTopics[name] = new SnsTopic(_clients.Sns!, name, arn);
            }
        }

        IReadOnlyDictionary<string, IReadOnlyList<string>> ruleArns = new Dictionary<string, IReadOnlyList<string>>();
        if (_bus is not null && components.HasFlag(ResourceComponents.Events) && plan.EventBus is { } bus)
        {
            ruleArns = await _bus.ProvisionAsync(plan, bus, queues, pass, create, cancellationToken).ConfigureAwait(false);
        }

        if (create && _queues is not null)
        {
            await AllowDeliveryAsync(plan, queues, topicArns, ruleArns, pass, cancellationToken).ConfigureAwait(false);
        }

        if (_table is not null && components.HasFlag(ResourceComponents.BreakerTable))
        {
            await _table.ProvisionAsync(plan, pass, create, cancellationToken).ConfigureAwait(false);
        }

        return new ProvisioningReport([.. local.Concat(pass.Resources).OrderBy(r => Array.IndexOf(KindOrder, r.Kind))]);
    }

    /// <summary>
    /// The in-process part: queues, topics, bus and table that live here. In-process topics and rules whose remote queues
    /// are not there are reported failed instead of created.
    /// </summary>
    private async Task<IReadOnlyList<ProvisionedResource>> InProcessPassAsync(
        ResourcePlan plan, ResourceComponents components, ProvisioningPass pass, bool create, CancellationToken cancellationToken)
    {
        if (components == ResourceComponents.None)
        {
            return [];
        }

        if (!create)
        {
            return (await _local.InspectAsync(plan, components, cancellationToken).ConfigureAwait(false)).Resources;
        }

        var inProcessQueues = Placements.Sqs.IsInProcess ? plan.Queues.Select(q => q.Name).ToHashSet(StringComparer.Ordinal) : [];
        bool Reachable(string queue) => inProcessQueues.Contains(queue) || _remoteQueues.ContainsKey(queue);
        string Missing(IEnumerable<string> targets) => $"not created: queue {string.Join(", ", targets.Where(q => !Reachable(q)))} is not there";

        if (components.HasFlag(ResourceComponents.Topics))
        {
            foreach (var topic in plan.Topics.Where(t => !t.SubscribedQueues.All(Reachable)))
            {
                pass.Add(ProvisioningPass.Failed("topic", topic.Name, topic.PhysicalName, Missing(topic.SubscribedQueues)));
            }
        }

        if (components.HasFlag(ResourceComponents.Events) && plan.EventBus is { } bus && !bus.Rules.All(r => r.TargetQueues.All(Reachable)))
        {
            // The in-process bus is one unit with its rules: it is built whole or not at all.
            pass.Add(ProvisioningPass.Failed("event-bus", bus.Name, bus.PhysicalName, Missing(bus.Rules.SelectMany(r => r.TargetQueues))));
            components &= ~ResourceComponents.Events;
        }

        var deliverable = plan with { Topics = [.. plan.Topics.Where(t => t.SubscribedQueues.All(Reachable))] };
        return (await _local.ProvisionAsync(deliverable, components, cancellationToken).ConfigureAwait(false)).Resources;
    }

    /// <summary>Without the queues component, the existing queues topics and rules outside this process deliver to.</summary>
    private async Task<IReadOnlyDictionary<string, ProvisionedQueue>> FindDeliveryTargetsAsync(ResourcePlan plan, ResourceComponents components, CancellationToken cancellationToken)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        if (components.HasFlag(ResourceComponents.Topics))
        {
            names.UnionWith(plan.Topics.SelectMany(t => t.SubscribedQueues));
        }

        if (components.HasFlag(ResourceComponents.Events))
        {
            names.UnionWith(plan.EventBus?.Rules.SelectMany(r => r.TargetQueues) ?? []);
        }

        if (names.Count == 0)
        {
            return new Dictionary<string, ProvisionedQueue>();
        }

        try
        {
            return await _queues!.FindAsync(plan, names, cancellationToken).ConfigureAwait(false);
        }
        catch (PortException)
        {
            // Unreadable queues make every subscription and target fail, each naming its queue.
            return new Dictionary<string, ProvisionedQueue>();
        }
    }

    /// <summary>Lets the topics and rules outside this process send to the queues they deliver to (their resource policies).</summary>
    private async Task AllowDeliveryAsync(
        ResourcePlan plan,
        IReadOnlyDictionary<string, ProvisionedQueue> queues,
        IReadOnlyDictionary<string, string> topicArns,
        IReadOnlyDictionary<string, IReadOnlyList<string>> ruleArns,
        ProvisioningPass pass,
        CancellationToken cancellationToken)
    {
        foreach (var queue in queues.Values)
        {
            var grants = new List<QueuePolicyGrant>();
            var topics = plan.Topics.Where(t => t.SubscribedQueues.Contains(queue.Name) && topicArns.ContainsKey(t.Name)).Select(t => topicArns[t.Name]).ToList();
            if (_topics is not null && topics.Count > 0)
            {
                grants.Add(new QueuePolicyGrant(SqsQueueProvisioner.PolicySidPrefix + "sns", "sns.amazonaws.com", topics));
            }

            if (ruleArns.TryGetValue(queue.Name, out var rules))
            {
                grants.Add(new QueuePolicyGrant(SqsQueueProvisioner.PolicySidPrefix + "eventbridge", "events.amazonaws.com", rules));
            }

            if (grants.Count == 0)
            {
                continue;
            }

            var principals = string.Join(" and ", grants.Select(g => g.Principal));
            await pass.RunAsync("policy", queue.Name, queue.Url, _queues!.Calls, async () =>
                await _queues.SetDeliveryPolicyAsync(queue, grants, cancellationToken).ConfigureAwait(false) is var outcome && outcome == ProvisioningOutcome.NotOwned
                    ? new ProvisionedResource("policy", queue.Name, queue.Url, outcome, $"left unchanged: someone else's queue policy; it must allow {principals} to send")
                    : new ProvisionedResource("policy", queue.Name, queue.Url, outcome, $"allows {principals} to send")).ConfigureAwait(false);
        }
    }

    private ResourceComponents InProcess(ResourceComponents components)
    {
        var inProcess = ResourceComponents.None;
        // In-process topics and rules bring their in-process queues with them.
        if (Placements.Sqs.IsInProcess && (components & (ResourceComponents.Queues | ResourceComponents.Topics | ResourceComponents.Events)) != 0)
        {
            inProcess |= ResourceComponents.Queues;
            components |= ResourceComponents.Queues;
        }

        if (Placements.Sns.IsInProcess)
        {
            inProcess |= ResourceComponents.Topics;
        }

        if (Placements.Events.IsInProcess)
        {
            inProcess |= ResourceComponents.Events;
        }

        if (Placements.DynamoDb.IsInProcess)
        {
            inProcess |= ResourceComponents.BreakerTable;
        }

        return components & inProcess;
    }

    private ResourcePlan RequirePlan() =>
        _plan ?? throw new InvalidOperationException("nothing is provisioned yet; call ProvisionAsync first");

    private static AwsServiceClients CreateClients(ServicePlacements placements, AwsEndpointOptions options, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(placements);
        ArgumentNullException.ThrowIfNull(options);
        options.EnsureValid();
        return new AwsServiceClients
        {
            Sqs = placements.Sqs.IsInProcess ? null : new AmazonSQSClient(AwsEndpointOptions.ResolveCredentials(options.SqsServiceUrl), options.CreateSqsConfig()),
            Sns = placements.Sns.IsInProcess ? null : SnsClient.Create(options, timeProvider),
            Events = placements.Events.IsInProcess ? null : EventBridgeClient.Create(options, timeProvider),
            DynamoDb = placements.DynamoDb.IsInProcess ? null : new AmazonDynamoDBClient(AwsEndpointOptions.ResolveCredentials(options.DynamoDbServiceUrl), options.CreateDynamoDbConfig()),
            SqsCalls = placements.Sqs.IsInProcess ? null : options.SqsPolicy(timeProvider),
            DynamoDbCalls = placements.DynamoDb.IsInProcess ? null : options.DynamoDbPolicy(timeProvider),
        };
    }

    private static ServicePlacements PlacementsOf(AwsServiceClients clients) => new(
        clients.Sqs is { } sqs ? PlacementOf(sqs.Config) : Placement.InProcess,
        clients.Sns is { } sns ? Placement.At(sns.Endpoint) : Placement.InProcess,
        clients.Events is { } events ? Placement.At(events.Endpoint) : Placement.InProcess,
        clients.DynamoDb is { } dynamoDb ? PlacementOf(dynamoDb.Config) : Placement.InProcess);

    private static Placement PlacementOf(IClientConfig config) => ServiceUri(config) is { } uri ? Placement.At(uri) : Placement.Aws;

    private static Uri? ServiceUri(IClientConfig config) =>
        string.IsNullOrEmpty(config.ServiceURL) ? null : new Uri(config.ServiceURL);

    private static AwsCallPolicy DefaultPolicy(string service, IClientConfig config, TimeProvider timeProvider) => new(
        ServiceUri(config) is { } uri ? $"the {service} endpoint {uri}" : $"the {service} endpoint of {config.RegionEndpoint?.SystemName}",
        AwsConstants.DefaultCallTimeout,
        service == "DynamoDB" ? 0 : AwsConstants.DefaultMaxRetries,
        timeProvider,
        ServiceUri(config)?.GetLeftPart(UriPartial.Authority));
}
