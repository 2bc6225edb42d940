namespace ResilienceLab.Stack.Breaker;

/// <summary>
/// Whether a call may go through. A permitted call in half-open state is a probe and must be
/// reported back with its outcome; a rejection always carries its reason.
/// </summary>
public readonly record struct BreakerDecision(bool Allowed, bool IsProbe, string? RejectionReason)
{
    public static readonly BreakerDecision Pass = new(true, false, null);
    public static readonly BreakerDecision Probe = new(true, true, null);

    /// <summary>The half-open round a probe was admitted in, so a late probe from an earlier round cannot close or free a slot of a later one.</summary>
    internal long Round { get; init; }

    /// <summary>True when the shared breaker's view of the table admitted the call (its <see cref="Round"/> is a table version), false for a local breaker.</summary>
    internal bool Shared { get; init; }

    public static BreakerDecision Reject(string reason) => new(false, false, reason);
}
