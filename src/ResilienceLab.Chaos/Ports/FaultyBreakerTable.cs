using ResilienceLab.Stack.Ports;

namespace ResilienceLab.Chaos.Ports;

/// <summary>An <see cref="IBreakerTable"/> that lets the <see cref="ApiFaultInjector"/> delay or fail each GetItem, PutItem and UpdateItem before delegating.</summary>
public sealed class FaultyBreakerTable : IBreakerTable
{
    private readonly IBreakerTable _inner;
    private readonly ApiFaultInjector _faults;

    /// <param name="inner">The table adapter (local or aws).</param>
    /// <param name="faults">The run's injector.</param>
    /// <param name="target">The fault target name. <value>Default <see cref="ApiFaultInjector.BreakerTableTarget"/>.</value></param>
    public FaultyBreakerTable(IBreakerTable inner, ApiFaultInjector faults, string target = ApiFaultInjector.BreakerTableTarget)
    {
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentNullException.ThrowIfNull(faults);
        _inner = inner;
        _faults = faults;
        Target = target;
        faults.Register(Target);
    }

    public string Name => _inner.Name;

    public string Target { get; }

    public async ValueTask<BreakerItem?> GetAsync(string serviceName, CancellationToken cancellationToken = default)
    {
        await _faults.BeforeCallAsync(Target, ApiOperations.GetItem, cancellationToken).ConfigureAwait(false);
        return await _inner.GetAsync(serviceName, cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<bool> TryPutAsync(BreakerItem item, long? expectedVersion, CancellationToken cancellationToken = default)
    {
        await _faults.BeforeCallAsync(Target, ApiOperations.PutItem, cancellationToken).ConfigureAwait(false);
        return await _inner.TryPutAsync(item, expectedVersion, cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<BreakerUpdateResult> AddCountersAsync(BreakerCounterUpdate update, CancellationToken cancellationToken = default)
    {
        await _faults.BeforeCallAsync(Target, ApiOperations.UpdateItem, cancellationToken).ConfigureAwait(false);
        return await _inner.AddCountersAsync(update, cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<BreakerUpdateResult> TryChangeStateAsync(BreakerStateChange change, CancellationToken cancellationToken = default)
    {
        await _faults.BeforeCallAsync(Target, ApiOperations.UpdateItem, cancellationToken).ConfigureAwait(false);
        return await _inner.TryChangeStateAsync(change, cancellationToken).ConfigureAwait(false);
    }
}
