using ResilienceLab.Stack.Ports;
using ResilienceLab.Stack.Telemetry;

namespace ResilienceLab.Stack.Distributed;

/// <summary>Counts every breaker-table operation a manager makes, by service, AWS operation name and outcome (ok, refused, error).</summary>
internal sealed class MeteredBreakerTable : IBreakerTable
{
    private readonly IBreakerTable _inner;
    private readonly StackTelemetry? _telemetry;
    private long _operations;

    public MeteredBreakerTable(IBreakerTable inner, StackTelemetry? telemetry)
    {
        _inner = inner;
        _telemetry = telemetry;
    }

    public string Name => _inner.Name;

    public long Operations => Interlocked.Read(ref _operations);

    public ValueTask<BreakerItem?> GetAsync(string serviceName, CancellationToken cancellationToken = default) =>
        MeasureAsync(serviceName, "GetItem", () => _inner.GetAsync(serviceName, cancellationToken), static _ => true);

    public ValueTask<bool> TryPutAsync(BreakerItem item, long? expectedVersion, CancellationToken cancellationToken = default) =>
        MeasureAsync(item.ServiceName, "PutItem", () => _inner.TryPutAsync(item, expectedVersion, cancellationToken), static written => written);

    public ValueTask<BreakerUpdateResult> AddCountersAsync(BreakerCounterUpdate update, CancellationToken cancellationToken = default) =>
        MeasureAsync(update.ServiceName, "UpdateItem", () => _inner.AddCountersAsync(update, cancellationToken), static result => result.Applied);

    public ValueTask<BreakerUpdateResult> TryChangeStateAsync(BreakerStateChange change, CancellationToken cancellationToken = default) =>
        MeasureAsync(change.ServiceName, "UpdateItem", () => _inner.TryChangeStateAsync(change, cancellationToken), static result => result.Applied);

    private async ValueTask<T> MeasureAsync<T>(string serviceName, string operation, Func<ValueTask<T>> call, Func<T, bool> applied)
    {
        var result = "error";
        try
        {
            var value = await call().ConfigureAwait(false);
            result = applied(value) ? "ok" : "refused";
            return value;
        }
        finally
        {
            Interlocked.Increment(ref _operations);
            _telemetry?.BreakerTableOperation(serviceName, operation, result);
        }
    }
}
