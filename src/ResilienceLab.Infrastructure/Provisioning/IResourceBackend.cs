using ResilienceLab.Stack.Ports;

namespace ResilienceLab.Infrastructure.Provisioning;

/// <summary>
/// Where the stack's resources live: <c>local</c> (in-process, the embedded default) or <c>aws</c> (SDK clients).
/// Provisions and tears down a <see cref="ResourcePlan"/> and hands out the ports by logical name.
/// </summary>
public interface IResourceBackend : IAsyncDisposable
{
    /// <summary>The <c>--target</c> this backend serves: <c>local</c> or <c>aws</c>.</summary>
    string Target { get; }

    /// <summary>Creates what is missing; idempotent. Reports created and already-existing resources.</summary>
    Task<ProvisioningReport> ProvisionAsync(ResourcePlan plan, CancellationToken cancellationToken = default);

    /// <summary>Removes what provisioning created; idempotent.</summary>
    Task<ProvisioningReport> TeardownAsync(ResourcePlan plan, CancellationToken cancellationToken = default);

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
