using ResilienceLab.Stack.Ports;

namespace ResilienceLab.Stack.Tests.Fakes;

/// <summary>
/// A breaker table with real version-conditional puts and updates, an outage switch, optional interleaving between
/// calls, and a log of every operation (with the time, when a clock is given) so tests can count table traffic.
/// </summary>
internal sealed class InMemoryBreakerTable : IBreakerTable
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, BreakerItem> _items = new(StringComparer.Ordinal);
    private readonly List<(DateTimeOffset At, string Operation, string ServiceName)> _operations = [];
    private int _rejectedPuts;
    private int _forcedConflicts;

    public string Name => "circuit-breaker-state";

    /// <summary>Stamps the operation log; null stamps nothing useful (<see cref="DateTimeOffset.MinValue"/>).</summary>
    public TimeProvider? Clock { get; init; }

    /// <summary>When set, every call waits here first (a slow table); the call path must never be held by it.</summary>
    public Task? Hold { get; set; }

    /// <summary>Every operation so far: when, which (GetItem, PutItem, UpdateItem) and for which service.</summary>
    public IReadOnlyList<(DateTimeOffset At, string Operation, string ServiceName)> Operations
    {
        get
        {
            lock (_lock)
            {
                return [.. _operations];
            }
        }
    }

    /// <summary>When true every call throws <see cref="PortException"/>.</summary>
    public bool Unavailable { get; set; }

    /// <summary>Yield between calls so concurrent writers interleave more.</summary>
    public bool YieldOnCalls { get; init; }

    public int RejectedPuts => Volatile.Read(ref _rejectedPuts);

    /// <summary>The next <paramref name="count"/> puts fail their condition as if someone else wrote first.</summary>
    public void ForceConflicts(int count) => Volatile.Write(ref _forcedConflicts, count);

    public BreakerItem? Peek(string serviceName)
    {
        lock (_lock)
        {
            return _items.GetValueOrDefault(serviceName);
        }
    }

    /// <summary>Stores <paramref name="item"/> as it is, as another writer would.</summary>
    public void Seed(BreakerItem item)
    {
        lock (_lock)
        {
            _items[item.ServiceName] = item;
        }
    }

    public async ValueTask<BreakerItem?> GetAsync(string serviceName, CancellationToken cancellationToken = default)
    {
        await BeforeCallAsync("GetItem", serviceName, cancellationToken);
        return Peek(serviceName);
    }

    public async ValueTask<bool> TryPutAsync(BreakerItem item, long? expectedVersion, CancellationToken cancellationToken = default)
    {
        await BeforeCallAsync("PutItem", item.ServiceName, cancellationToken);
        if (Interlocked.Decrement(ref _forcedConflicts) >= 0)
        {
            Interlocked.Increment(ref _rejectedPuts);
            return false;
        }

        Interlocked.Exchange(ref _forcedConflicts, 0);
        lock (_lock)
        {
            var stored = _items.GetValueOrDefault(item.ServiceName);
            if (stored?.Version != expectedVersion)
            {
                Interlocked.Increment(ref _rejectedPuts);
                return false;
            }

            _items[item.ServiceName] = item;
            return true;
        }
    }

    public async ValueTask<BreakerUpdateResult> AddCountersAsync(BreakerCounterUpdate update, CancellationToken cancellationToken = default)
    {
        await BeforeCallAsync("UpdateItem", update.ServiceName, cancellationToken);
        return Update(update.ServiceName, update.ApplyTo);
    }

    public async ValueTask<BreakerUpdateResult> TryChangeStateAsync(BreakerStateChange change, CancellationToken cancellationToken = default)
    {
        await BeforeCallAsync("UpdateItem", change.ServiceName, cancellationToken);
        return Update(change.ServiceName, change.ApplyTo);
    }

    private BreakerUpdateResult Update(string serviceName, Func<BreakerItem?, BreakerItem?> apply)
    {
        lock (_lock)
        {
            var stored = _items.GetValueOrDefault(serviceName);
            var next = apply(stored);
            if (next is null)
            {
                return BreakerUpdateResult.Refused(stored);
            }

            _items[serviceName] = next;
            return new BreakerUpdateResult(true, next);
        }
    }

    private async ValueTask BeforeCallAsync(string operation, string serviceName, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            _operations.Add((Clock?.GetUtcNow() ?? DateTimeOffset.MinValue, operation, serviceName));
        }

        if (Hold is { } hold)
        {
            await hold.WaitAsync(cancellationToken);
        }

        if (YieldOnCalls)
        {
            await Task.Yield();
        }

        ThrowIfUnavailable(operation);
    }

    private void ThrowIfUnavailable(string operation)
    {
        if (Unavailable)
        {
            throw new PortException(operation, "ServiceUnavailable", "The table is unavailable", isTransient: true);
        }
    }
}
