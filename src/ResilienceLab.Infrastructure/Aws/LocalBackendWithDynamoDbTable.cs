using Amazon.DynamoDBv2;
using ResilienceLab.Infrastructure.Local;
using ResilienceLab.Infrastructure.Provisioning;
using ResilienceLab.Stack.Ports;

namespace ResilienceLab.Infrastructure.Aws;

/// <summary>
/// The <c>local</c> target with the breaker table on DynamoDB (real AWS or DynamoDB Local): queues, topics and the
/// event bus stay in-process, the breaker table is provisioned with the aws target's table provisioning (idempotent,
/// tagged <c>CreatedBy=resilience-lab</c>). A run releases only the in-process resources; the table is shared state
/// between instances and stays until <see cref="TeardownAsync"/>, which deletes it only when it carries the tag.
/// </summary>
public sealed class LocalBackendWithDynamoDbTable : IResourceBackend
{
    private const string TableKind = "table";

    private readonly LocalBackend _local;
    private readonly IAmazonDynamoDB _dynamoDb;
    private readonly bool _ownsClient;
    private readonly BreakerTableProvisioner _tableProvisioner;
    private volatile ResourcePlan? _plan;

    /// <summary>A backend with its own DynamoDB client for <see cref="AwsEndpointOptions.DynamoDbServiceUrl"/> (or the region's endpoint).</summary>
    public LocalBackendWithDynamoDbTable(AwsEndpointOptions options, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        options.EnsureValid();
        _local = new LocalBackend(timeProvider);
        _dynamoDb = new AmazonDynamoDBClient(AwsEndpointOptions.ResolveCredentials(options.DynamoDbServiceUrl), options.CreateDynamoDbConfig());
        _ownsClient = true;
        _tableProvisioner = new BreakerTableProvisioner(_dynamoDb, timeProvider);
    }

    /// <summary>A backend on a DynamoDB client the caller owns (and disposes).</summary>
    public LocalBackendWithDynamoDbTable(IAmazonDynamoDB dynamoDb, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(dynamoDb);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _local = new LocalBackend(timeProvider);
        _dynamoDb = dynamoDb;
        _tableProvisioner = new BreakerTableProvisioner(_dynamoDb, timeProvider);
    }

    /// <summary><c>local</c>: the messaging resources live in this process.</summary>
    public string Target => _local.Target;

    public async Task<ProvisioningReport> ProvisionAsync(ResourcePlan plan, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(plan);

        // The table first: when DynamoDB cannot be reached nothing in-process has been created yet.
        var table = await _tableProvisioner.ProvisionAsync(plan, cancellationToken).ConfigureAwait(false);
        var local = await _local.ProvisionAsync(plan, cancellationToken).ConfigureAwait(false);
        _plan = plan;
        return new ProvisioningReport([.. WithoutLocalTable(local), table]);
    }

    public async Task<ProvisioningReport> TeardownAsync(ResourcePlan plan, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var local = await _local.TeardownAsync(plan, cancellationToken).ConfigureAwait(false);
        var table = await _tableProvisioner.TeardownAsync(plan, cancellationToken).ConfigureAwait(false);
        return new ProvisioningReport([.. WithoutLocalTable(local), table]);
    }

    /// <summary>Removes the in-process queues, topics and bus; the DynamoDB table stays.</summary>
    public async Task ReleaseRunResourcesAsync(ResourcePlan plan, CancellationToken cancellationToken = default) =>
        await _local.TeardownAsync(plan, cancellationToken).ConfigureAwait(false);

    public IMessageQueue GetQueue(string name) => _local.GetQueue(name);

    public ITopic GetTopic(string name) => _local.GetTopic(name);

    public IEventBus GetEventBus() => _local.GetEventBus();

    public IBreakerTable GetBreakerTable()
    {
        var plan = _plan ?? throw new InvalidOperationException("the breaker table is not provisioned yet; call ProvisionAsync first");
        return new DynamoDbBreakerTable(_dynamoDb, plan.BreakerTable.PhysicalName);
    }

    public async ValueTask DisposeAsync()
    {
        await _local.DisposeAsync().ConfigureAwait(false);
        if (_ownsClient)
        {
            _dynamoDb.Dispose();
        }
    }

    // The local backend always stands up an in-process table too; it is unused here, so it is not reported.
    private static IEnumerable<ProvisionedResource> WithoutLocalTable(ProvisioningReport report) =>
        report.Resources.Where(r => r.Kind != TableKind);
}
