namespace ResilienceLab.Stack.Breaker;

/// <summary>
/// The document's trip rule: open after <c>failure_threshold</c> consecutive failures; a success resets the count.
/// Kept apart from the state controller so a different rule (ratio, sliding window) can stand in.
/// Writes happen under the controller's lock; <see cref="FailureCount"/> may be read without it.
/// </summary>
internal sealed class ConsecutiveFailuresTripRule
{
    private readonly int _threshold;
    private int _failures;

    public ConsecutiveFailuresTripRule(int threshold) => _threshold = threshold;

    public int FailureCount => Volatile.Read(ref _failures);

    public void OnSuccess() => Volatile.Write(ref _failures, 0);

    /// <summary>Counts a failure; true when the threshold is reached.</summary>
    public bool OnFailure()
    {
        var failures = _failures + 1;
        Volatile.Write(ref _failures, failures);
        return failures >= _threshold;
    }

    public void Reset() => Volatile.Write(ref _failures, 0);
}
