namespace ResilienceLab.Stack.Distributed;

/// <summary>How instances share a breaker through the table (<c>breaker_table.mode</c>).</summary>
public enum SharedBreakerMode
{
    /// <summary>
    /// Decisions from a local view of the item refreshed every <see cref="DistributedBreakerOptions.RefreshInterval"/> and
    /// the instance's own breaker; outcomes flushed as atomic counter updates. At most two table operations per interval.
    /// </summary>
    Bounded,

    /// <summary>The document's Lambda: every check reads the item and every outcome reads, modifies and writes it.</summary>
    PerCall,
}
