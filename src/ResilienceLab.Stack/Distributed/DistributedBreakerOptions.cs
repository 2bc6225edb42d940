using System.ComponentModel.DataAnnotations;
using ResilienceLab.Stack.Validation;

namespace ResilienceLab.Stack.Distributed;

/// <summary>
/// The document's breaker knobs for the shared table, plus who this instance is, the quorum that keeps one unhealthy
/// instance from opening the breaker for all, and how conditional writes retry when another instance wrote first.
/// </summary>
public sealed class DistributedBreakerOptions
{
    /// <summary>This instance's id; its failures are counted under it in <c>InstanceFailures</c>.</summary>
    [Required]
    public required string InstanceId { get; init; }

    /// <summary>Failures that open the breaker (<c>failure_threshold</c>). <value>Default 5.</value></summary>
    [Range(1, int.MaxValue)]
    public int FailureThreshold { get; init; } = DistributedBreakerConstants.DefaultFailureThreshold;

    /// <summary>Seconds the breaker stays open after the last failure (<c>timeout_seconds</c>). <value>Default 60.</value></summary>
    [Range(0, int.MaxValue)]
    public int TimeoutSeconds { get; init; } = DistributedBreakerConstants.DefaultTimeoutSeconds;

    /// <summary>Probes allowed while half-open (<c>half_open_max_calls</c>). <value>Default 3.</value></summary>
    [Range(1, int.MaxValue)]
    public int HalfOpenMaxCalls { get; init; } = DistributedBreakerConstants.DefaultHalfOpenMaxCalls;

    /// <summary>Distinct instances that must have reported failures before the breaker opens. <value>Default 1, the document's behaviour.</value></summary>
    [Range(1, int.MaxValue)]
    public int MinInstancesToOpen { get; init; } = 1;

    /// <summary>The most one instance's failures add to the shared count; null means <see cref="FailureThreshold"/>. <value>Default null.</value></summary>
    [Range(1, int.MaxValue)]
    public int? MaxContributionPerInstance { get; init; }

    /// <summary>
    /// When the table cannot answer: true decides from this instance's local breaker (traffic keeps flowing); false
    /// rejects the call, as the document's Lambda does when DynamoDB fails. <value>Default true.</value>
    /// </summary>
    public bool FallbackToLocalState { get; init; } = true;

    /// <summary>Read-modify-write attempts per operation before it gives up and uses local state. <value>Default 10.</value></summary>
    [Range(1, 100_000)]
    public int MaxWriteAttempts { get; init; } = DistributedBreakerConstants.DefaultMaxWriteAttempts;

    /// <summary>First pause after a lost conditional write, doubling per loss (zero retries at once). <value>Default 5 ms.</value></summary>
    public TimeSpan ConflictBaseDelay { get; init; } = DistributedBreakerConstants.DefaultConflictBaseDelay;

    /// <summary>Longest pause after a lost conditional write. <value>Default 200 ms.</value></summary>
    public TimeSpan ConflictMaxDelay { get; init; } = DistributedBreakerConstants.DefaultConflictMaxDelay;

    internal int EffectiveMaxContribution => MaxContributionPerInstance ?? FailureThreshold;

    /// <summary>Throws one <see cref="ValidationException"/> listing every problem.</summary>
    public void Validate() => OptionsValidator.ThrowIfAny(
        "distributed breaker options",
        OptionsValidator.Problems(
            this,
            string.Empty,
            (!string.IsNullOrWhiteSpace(InstanceId), "InstanceId is required"),
            (ConflictBaseDelay >= TimeSpan.Zero, "ConflictBaseDelay must not be negative"),
            (ConflictMaxDelay >= ConflictBaseDelay, "ConflictMaxDelay must not be less than ConflictBaseDelay")));
}
