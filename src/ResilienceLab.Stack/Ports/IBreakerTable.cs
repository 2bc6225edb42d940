namespace ResilienceLab.Stack.Ports;

/// <summary>
/// The circuit-breaker table (DynamoDB in the document): get, put conditioned on the version read, and the two
/// updates the bounded shared breaker needs: atomic counter additions and conditional state transitions.
/// </summary>
public interface IBreakerTable
{
    string Name { get; }

    /// <summary>The item for <paramref name="serviceName"/>, or null when none was written yet.</summary>
    ValueTask<BreakerItem?> GetAsync(string serviceName, CancellationToken cancellationToken = default);

    /// <summary>
    /// Writes <paramref name="item"/> if the stored version equals <paramref name="expectedVersion"/>
    /// (null: only if no item exists). Returns false when the condition fails (someone else wrote first).
    /// The stored item's version becomes <c>item.Version</c>.
    /// </summary>
    ValueTask<bool> TryPutAsync(BreakerItem item, long? expectedVersion, CancellationToken cancellationToken = default);

    /// <summary>
    /// Adds <paramref name="update"/>'s counters in one atomic update (UpdateItem with ADD) if its condition holds
    /// (<see cref="BreakerCounterUpdate.ApplyTo"/> states it); never creates an item.
    /// </summary>
    ValueTask<BreakerUpdateResult> AddCountersAsync(BreakerCounterUpdate update, CancellationToken cancellationToken = default);

    /// <summary>Applies <paramref name="change"/> if the stored version and state are the ones it was decided on (UpdateItem with a ConditionExpression).</summary>
    ValueTask<BreakerUpdateResult> TryChangeStateAsync(BreakerStateChange change, CancellationToken cancellationToken = default);
}
