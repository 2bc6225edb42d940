using ResilienceLab.Stack.Ports;

namespace ResilienceLab.Infrastructure.Local;

/// <summary>
/// An in-process circuit-breaker table (DynamoDB in the document): items keyed by <c>service_name</c>, puts conditioned
/// on the stored version, atomic counter updates and conditional transitions, safe to call from many threads.
/// </summary>
public sealed class LocalBreakerTable : IBreakerTable
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, BreakerItem> items = new(StringComparer.Ordinal);

    public LocalBreakerTable(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name;
    }

    public string Name { get; }

    /// <inheritdoc/>
    public ValueTask<BreakerItem?> GetAsync(string serviceName, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(serviceName);
        cancellationToken.ThrowIfCancellationRequested();
        lock (gate)
        {
            return ValueTask.FromResult(items.GetValueOrDefault(serviceName));
        }
    }

    /// <inheritdoc/>
    public ValueTask<bool> TryPutAsync(BreakerItem item, long? expectedVersion, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(item);
        cancellationToken.ThrowIfCancellationRequested();
        if (string.IsNullOrEmpty(item.ServiceName))
        {
            throw new PortException("PutItem", "ValidationException", $"Table '{Name}': the key service_name must not be empty.", isTransient: false);
        }

        lock (gate)
        {
            var exists = items.TryGetValue(item.ServiceName, out var stored);
            var conditionHolds = expectedVersion is { } version ? exists && stored!.Version == version : !exists;
            if (conditionHolds)
            {
                items[item.ServiceName] = item;
            }

            return ValueTask.FromResult(conditionHolds);
        }
    }

    /// <inheritdoc/>
    public ValueTask<BreakerUpdateResult> AddCountersAsync(BreakerCounterUpdate update, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(update);
        return Update(update.ServiceName, update.ApplyTo, cancellationToken);
    }

    /// <inheritdoc/>
    public ValueTask<BreakerUpdateResult> TryChangeStateAsync(BreakerStateChange change, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(change);
        return Update(change.ServiceName, change.ApplyTo, cancellationToken);
    }

    /// <summary>Every item, in no particular order (DynamoDB's Scan).</summary>
    public IReadOnlyList<BreakerItem> Scan()
    {
        lock (gate)
        {
            return [.. items.Values];
        }
    }

    private ValueTask<BreakerUpdateResult> Update(string serviceName, Func<BreakerItem?, BreakerItem?> apply, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (string.IsNullOrEmpty(serviceName))
        {
            throw new PortException("UpdateItem", "ValidationException", $"Table '{Name}': the key service_name must not be empty.", isTransient: false);
        }

        lock (gate)
        {
            var stored = items.GetValueOrDefault(serviceName);
            var next = apply(stored);
            if (next is null)
            {
                return ValueTask.FromResult(BreakerUpdateResult.Refused(stored));
            }

            items[serviceName] = next;
            return ValueTask.FromResult(new BreakerUpdateResult(true, next));
        }
    }

    /// <summary>Removes the item; false when there was none.</summary>
    public bool Delete(string serviceName)
    {
        lock (gate)
        {
            return items.Remove(serviceName);
        }
    }
}
