using ResilienceLab.Stack.Ports;

namespace ResilienceLab.Infrastructure.Aws;

/// <summary><see cref="IEventBus"/> on an EventBridge custom bus through <see cref="EventBridgeClient"/>.</summary>
public sealed class EventBridgeBus : IEventBus
{
    private readonly EventBridgeClient _client;

    /// <param name="client">The EventBridge client.</param>
    /// <param name="name">The bus's physical name, for example <c>loose-coupling-demo-events-dev</c>.</param>
    public EventBridgeBus(EventBridgeClient client, string name)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentException.ThrowIfNullOrEmpty(name);
        _client = client;
        Name = name;
    }

    public string Name { get; }

    /// <summary>Puts the entries; an entry without a bus name goes to this bus.</summary>
    public async ValueTask<PutEventsResult> PutEventsAsync(IReadOnlyList<EventEntry> entries, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var addressed = entries
            .Select(e => string.IsNullOrEmpty(e.EventBusName) ? e with { EventBusName = Name } : e)
            .ToArray();
        return await _client.PutEventsAsync(addressed, cancellationToken).ConfigureAwait(false);
    }
}
