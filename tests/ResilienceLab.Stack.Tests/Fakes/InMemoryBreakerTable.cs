using ResilienceLab.Stack.Ports;

namespace ResilienceLab.Stack.Tests.Fakes;

/// <summary>A breaker table with real version-conditional puts, an outage switch, and optional interleaving between calls.</summary>
internal sealed class InMemoryBreakerTable : IBreakerTable
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, BreakerItem> _items = new(StringComparer.Ordinal);
    private int _rejectedPuts;
    private int _forcedConflicts;

    public string Name => "circuit-breaker-state";

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

    public async ValueTask<BreakerItem?> GetAsync(string serviceName, CancellationToken cancellationToken = default)
    {
        if (YieldOnCalls)
        {
            await Task.Yield();
        }

        ThrowIfUnavailable("GetItem");
        return Peek(serviceName);
    }

    public async ValueTask<bool> TryPutAsync(BreakerItem item, long? expectedVersion, CancellationToken cancellationToken = default)
    {
        if (YieldOnCalls)
        {
            await Task.Yield();
        }

        ThrowIfUnavailable("PutItem");
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

    private void ThrowIfUnavailable(string operation)
    {
        if (Unavailable)
        {
            throw new PortException(operation, "ServiceUnavailable", "The table is unavailable", isTransient: true);
        }
    }
}
