namespace ResilienceLab.Stack.Breaker;

/// <summary>
/// The document's trip rule: open after <c>failure_threshold</c> consecutive failures; a success resets the count.
/// Kept apart from the state controller so a different rule (ratio, sliding window) can stand in.
/// </summary>
internal sealed class ConsecutiveFailuresTripRule
{
    private readonly int _threshold;
    private int _failures;

    public ConsecutiveFailuresTripRule(int threshold) => _threshold = threshold;

    public int FailureCount => _failures;

    public void OnSuccess() => _failures = 0;

    /// <summary>Counts a failure; true when the threshold is reached.</summary>
    public bool OnFailure() => ++_failures >= _threshold;

    public void Reset() => _failures = 0;
}
