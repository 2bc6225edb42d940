using ResilienceLab.Stack.Ports;

namespace ResilienceLab.Harness.Runs;

/// <summary>An event bus whose calls <see cref="InfrastructureWatch"/> watches for an endpoint that stopped answering.</summary>
internal sealed class WatchedEventBus(IEventBus inner, InfrastructureWatch watch, string endpoint) : IEventBus
{
    public string Name => inner.Name;

    public ValueTask<PutEventsResult> PutEventsAsync(IReadOnlyList<EventEntry> entries, CancellationToken cancellationToken = default) =>
        watch.CallAsync(endpoint, () => inner.PutEventsAsync(entries, cancellationToken));
}
