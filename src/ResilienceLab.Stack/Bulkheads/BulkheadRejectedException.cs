namespace ResilienceLab.Stack.Bulkheads;

/// <summary>Thrown when every slot of a bulkhead is taken and its queue is full; <see cref="Reason"/> is <c>bulkhead_full</c>.</summary>
public sealed class BulkheadRejectedException : Exception
{
    public BulkheadRejectedException(string name, int maxConcurrency, int maxQueue)
        : base(Describe(name, maxConcurrency, maxQueue))
    {
        Name = name;
    }

    public string Name { get; }

    public string Reason => BulkheadConstants.ReasonFull;

    internal static string Describe(string name, int maxConcurrency, int maxQueue) =>
        $"Bulkhead {name} is full: {maxConcurrency} calls in progress and {maxQueue} waiting";
}
