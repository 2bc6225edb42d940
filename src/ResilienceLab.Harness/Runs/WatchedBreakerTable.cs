using ResilienceLab.Stack.Ports;

namespace ResilienceLab.Harness.Runs;

/// <summary>The breaker table, its calls watched by <see cref="InfrastructureWatch"/> for an endpoint that stopped answering.</summary>
internal sealed class WatchedBreakerTable(IBreakerTable inner, InfrastructureWatch watch, string endpoint) : IBreakerTable
{
    public string Name => inner.Name;

    public ValueTask<BreakerItem?> GetAsync(string serviceName, CancellationToken cancellationToken = default) =>
        watch.CallAsync(endpoint, () => inner.GetAsync(serviceName, cancellationToken));

    public ValueTask<bool> TryPutAsync(BreakerItem item, long? expectedVersion, CancellationToken cancellationToken = default) =>
        watch.CallAsync(endpoint, () => inner.TryPutAsync(item, expectedVersion, cancellationToken));

    public ValueTask<BreakerUpdateResult> AddCountersAsync(BreakerCounterUpdate update, CancellationToken cancellationToken = default) =>
        watch.CallAsync(endpoint, () => inner.AddCountersAsync(update, cancellationToken));

    public ValueTask<BreakerUpdateResult> TryChangeStateAsync(BreakerStateChange change, CancellationToken cancellationToken = default) =>
        watch.CallAsync(endpoint, () => inner.TryChangeStateAsync(change, cancellationToken));
}
