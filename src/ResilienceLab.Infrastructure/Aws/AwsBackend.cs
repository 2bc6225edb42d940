using System.Collections.Concurrent;
using Amazon.DynamoDBv2;
using Amazon.SQS;
using ResilienceLab.Infrastructure.Provisioning;
using ResilienceLab.Stack.Ports;

namespace ResilienceLab.Infrastructure.Aws;

/// <summary>
/// The <c>aws</c> target: provisions the document's resources with the SDK clients (SQS queues with
/// dead-letter queues and redrive, the EventBridge bus with rules and queue targets, the DynamoDB
/// breaker table) and hands out the ports. Pub/sub topics are reported Unsupported (no SNS package).
/// Everything created is tagged <c>CreatedBy=resilience-lab</c>; teardown deletes nothing without that tag.
/// </summary>
public sealed class AwsBackend : IResourceBackend
{
    private readonly IAmazonSQS _sqs;
    private readonly IAmazonDynamoDB _dynamoDb;
    private readonly EventBridgeClient _events;
    private readonly bool _ownsClients;
    private readonly SqsQueueProvisioner _queueProvisioner;
    private readonly EventBusProvisioner _busProvisioner;
    private readonly BreakerTableProvisioner _tableProvisioner;
    private readonly ConcurrentDictionary<string, SqsMessageQueue> _queues = new(StringComparer.Ordinal);
    private volatile ResourcePlan? _plan;

    /// <summary>A backend with its own clients for the endpoints in <paramref name="options"/>; disposing it disposes them.</summary>
    public AwsBackend(AwsEndpointOptions options, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        options.EnsureValid();
        _sqs = new AmazonSQSClient(AwsEndpointOptions.ResolveCredentials(options.SqsServiceUrl), options.CreateSqsConfig());
        _dynamoDb = new AmazonDynamoDBClient(AwsEndpointOptions.ResolveCredentials(options.DynamoDbServiceUrl), options.CreateDynamoDbConfig());
        _events = EventBridgeClient.Create(options, timeProvider);
        _ownsClients = true;
        (_queueProvisioner, _busProvisioner, _tableProvisioner) = CreateProvisioners(timeProvider);
    }

    /// <summary>A backend on clients the caller owns (and disposes).</summary>
    public AwsBackend(IAmazonSQS sqs, IAmazonDynamoDB dynamoDb, EventBridgeClient events, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(sqs);
        ArgumentNullException.ThrowIfNull(dynamoDb);
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _sqs = sqs;
        _dynamoDb = dynamoDb;
        _events = events;
        (_queueProvisioner, _busProvisioner, _tableProvisioner) = CreateProvisioners(timeProvider);
    }

    public string Target => AwsConstants.Target;

    public async Task<ProvisioningReport> ProvisionAsync(ResourcePlan plan, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var resources = new List<ProvisionedResource>();

        var queues = await _queueProvisioner.ProvisionAsync(plan, cancellationToken).ConfigureAwait(false);
        var byName = new Dictionary<string, ProvisionedQueue>(StringComparer.Ordinal);
        foreach (var (resource, queue) in queues)
        {
            resources.Add(resource);
            byName[queue.Name] = queue;
            _queues[queue.Name] = new SqsMessageQueue(_sqs, queue.Name, queue.Url);
        }

        resources.AddRange(plan.Topics.Select(topic =>
            new ProvisionedResource("topic", topic.Name, topic.PhysicalName, ProvisioningOutcome.Unsupported, AwsConstants.TopicsUnsupportedMessage)));

        if (plan.EventBus is { } bus)
        {
            resources.AddRange(await _busProvisioner.ProvisionAsync(plan, bus, byName, cancellationToken).ConfigureAwait(false));
        }

        resources.Add(await _tableProvisioner.ProvisionAsync(plan, cancellationToken).ConfigureAwait(false));
        _plan = plan;
        return new ProvisioningReport(resources);
    }

    public async Task<ProvisioningReport> TeardownAsync(ResourcePlan plan, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var resources = new List<ProvisionedResource>();

        // Rules first: a queue that is still a rule's target would keep receiving events.
        if (plan.EventBus is { } bus)
        {
            resources.AddRange(await _busProvisioner.TeardownAsync(bus, cancellationToken).ConfigureAwait(false));
        }

        resources.AddRange(plan.Topics.Select(topic =>
            new ProvisionedResource("topic", topic.Name, topic.PhysicalName, ProvisioningOutcome.Unsupported, AwsConstants.TopicsUnsupportedMessage)));
        resources.AddRange(await _queueProvisioner.TeardownAsync(plan, cancellationToken).ConfigureAwait(false));
        resources.Add(await _tableProvisioner.TeardownAsync(plan, cancellationToken).ConfigureAwait(false));

        foreach (var queue in plan.Queues)
        {
            _queues.TryRemove(queue.Name, out _);
        }

        return new ProvisioningReport(resources);
    }

    /// <summary>Nothing to release: resources on AWS stay until <see cref="TeardownAsync"/>.</summary>
    public Task ReleaseRunResourcesAsync(ResourcePlan plan, CancellationToken cancellationToken = default) => Task.CompletedTask;

    public IMessageQueue GetQueue(string name) =>
        _queues.TryGetValue(name, out var queue)
            ? queue
            : throw new InvalidOperationException($"queue '{name}' is not provisioned on the aws target; run ProvisionAsync with a plan that has it first");

    /// <summary>Always throws: topics need the SNS package, which is not available.</summary>
    public ITopic GetTopic(string name) => throw new NotSupportedException(AwsConstants.TopicsUnsupportedMessage);

    public IEventBus GetEventBus()
    {
        var bus = RequirePlan().EventBus ?? throw new InvalidOperationException("the provisioned plan has no event bus");
        return new EventBridgeBus(_events, bus.PhysicalName);
    }

    public IBreakerTable GetBreakerTable() => new DynamoDbBreakerTable(_dynamoDb, RequirePlan().BreakerTable.PhysicalName);

    public ValueTask DisposeAsync()
    {
        if (_ownsClients)
        {
            _sqs.Dispose();
            _dynamoDb.Dispose();
            _events.Dispose();
        }

        return ValueTask.CompletedTask;
    }

    private ResourcePlan RequirePlan() =>
        _plan ?? throw new InvalidOperationException("nothing is provisioned on the aws target yet; call ProvisionAsync first");

    private (SqsQueueProvisioner, EventBusProvisioner, BreakerTableProvisioner) CreateProvisioners(TimeProvider timeProvider)
    {
        var queues = new SqsQueueProvisioner(_sqs);
        return (queues, new EventBusProvisioner(_events, queues), new BreakerTableProvisioner(_dynamoDb, timeProvider));
    }
}
