using ResilienceLab.Stack.Ports;

namespace ResilienceLab.Infrastructure.Provisioning;

/// <summary>
/// Where the stack's resources live, service by service (<see cref="Placements"/>): in-process, or on AWS or an endpoint.
/// Inspects, provisions and tears down a <see cref="ResourcePlan"/> (all of it, or some <see cref="ResourceComponents"/>)
/// and hands out the ports by logical name.
/// </summary>
public interface IResourceBackend : IAsyncDisposable
{
    /// <summary>Where each service's resources live.</summary>
    ServicePlacements Placements { get; }

    /// <summary>
    /// Reads what exists and compares it with the plan, changing nothing: each resource is already existed, drifted (with
    /// the differing settings), not owned, missing, or failed (it could not be read).
    /// </summary>
    Task<ProvisioningReport> InspectAsync(ResourcePlan plan, ResourceComponents components = ResourceComponents.All, CancellationToken cancellationToken = default);

    /// <summary>
    /// Creates what is missing; idempotent. Never changes a resource that exists (drifted and not-owned ones are reported as
    /// such and used as they are). A resource whose calls fail is reported failed and provisioning goes on with the rest.
    /// </summary>
    Task<ProvisioningReport> ProvisionAsync(ResourcePlan plan, ResourceComponents components = ResourceComponents.All, CancellationToken cancellationToken = default);

    /// <summary>
    /// Removes what provisioning created, dependents first (rules and subscriptions, then topics and the bus, then queues
    /// before their dead-letter queues, then the table); idempotent. Resources it may not or could not remove are reported
    /// with the reason, and teardown goes on with the rest.
    /// </summary>
    Task<ProvisioningReport> TeardownAsync(ResourcePlan plan, ResourceComponents components = ResourceComponents.All, CancellationToken cancellationToken = default);

    /// <summary>
    /// Called when a run ends: removes what lives in this process (it would die with it anyway). Resources on a remote
    /// service stay, so instances can share them, until <see cref="TeardownAsync"/>.
    /// </summary>
    Task ReleaseRunResourcesAsync(ResourcePlan plan, CancellationToken cancellationToken = default);

    /// <summary>The queue (or dead-letter queue) with this logical name; provisioned first.</summary>
    IMessageQueue GetQueue(string name);

    ITopic GetTopic(string name);

    IEventBus GetEventBus();

    IBreakerTable GetBreakerTable();
}
