namespace ResilienceLab.Stack.Ports;

/// <summary>The circuit-breaker table (DynamoDB in the document): get, and put conditioned on the version read.</summary>
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
}
