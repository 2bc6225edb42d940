namespace ResilienceLab.Load;

/// <summary>One started iteration while it is in flight; completion and abandonment race for it exactly once.</summary>
internal sealed class IterationRun
{
    private const int Running = 0;
    private const int Finished = 1;
    private int _state;

    public IterationRun(IterationContext context, SecondBucket bucket, bool inSummary)
    {
        Context = context;
        Bucket = bucket;
        InSummary = inSummary;
    }

    public IterationContext Context { get; }

    public SecondBucket Bucket { get; }

    public bool InSummary { get; }

    /// <summary>True for exactly one caller: the completion or the abandonment.</summary>
    public bool TryFinish() => Interlocked.CompareExchange(ref _state, Finished, Running) == Running;
}
