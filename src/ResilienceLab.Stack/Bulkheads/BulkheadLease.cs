namespace ResilienceLab.Stack.Bulkheads;

/// <summary>One slot of a <see cref="Bulkhead"/>; disposing it (once or more) gives the slot back.</summary>
public sealed class BulkheadLease : IDisposable
{
    private Bulkhead? _owner;

    internal BulkheadLease(Bulkhead owner) => _owner = owner;

    public void Dispose() => Interlocked.Exchange(ref _owner, null)?.Release();
}
