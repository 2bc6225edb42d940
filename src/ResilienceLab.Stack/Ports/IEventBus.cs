namespace ResilienceLab.Stack.Ports;

/// <summary>An event bus with EventBridge semantics: PutEvents entries are matched against the bus's rules and delivered to their targets.</summary>
public interface IEventBus
{
    string Name { get; }

    /// <summary>Puts up to 10 entries. Per-entry failures are reported in the result, not thrown.</summary>
    ValueTask<PutEventsResult> PutEventsAsync(IReadOnlyList<EventEntry> entries, CancellationToken cancellationToken = default);
}
