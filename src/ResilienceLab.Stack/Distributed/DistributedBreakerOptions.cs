using System.ComponentModel.DataAnnotations;
using ResilienceLab.Stack.Validation;

namespace ResilienceLab.Stack.Distributed;

/// <summary>
/// The document's breaker knobs for the shared table, plus who this instance is, the quorum that keeps one unhealthy
/// instance from opening the breaker for all, how the table is used (<see cref="Mode"/>), and, in per-call mode, how
/// conditional writes retry when another instance wrote first.
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

    /// <summary>How instances share the breaker through the table. <value>Default <see cref="SharedBreakerMode.Bounded"/>.</value></summary>
    public SharedBreakerMode Mode { get; init; } = SharedBreakerMode.Bounded;

    /// <summary>
    /// Bounded mode: how often the view is refreshed and outcomes flushed, at most two table operations per service
    /// each time. At least 200 ms, so an instance makes at most 10 a second per service. <value>Default 500 ms.</value>
    /// </summary>
    public TimeSpan RefreshInterval { get; init; } = DistributedBreakerConstants.DefaultRefreshInterval;

    /// <summary>The default of <see cref="RefreshInterval"/>, 500 ms.</summary>
    public static TimeSpan DefaultRefreshInterval => DistributedBreakerConstants.DefaultRefreshInterval;

    /// <summary>Per-call mode: read-modify-write attempts per operation before it gives up and uses local state. <value>Default 10.</value></summary>
    [Range(1, 100_000)]
    public int MaxWriteAttempts { get; init; } = DistributedBreakerConstants.DefaultMaxWriteAttempts;

    /// <summary>Per-call mode: first pause after a lost conditional write, doubling per loss (zero retries at once). <value>Default 5 ms.</value></summary>
    public TimeSpan ConflictBaseDelay { get; init; } = DistributedBreakerConstants.DefaultConflictBaseDelay;

    /// <summary>Per-call mode: longest pause after a lost conditional write. <value>Default 200 ms.</value></summary>
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
            (ConflictMaxDelay >= ConflictBaseDelay, "ConflictMaxDelay must not be less than ConflictBaseDelay"),
            (Enum.IsDefined(Mode), $"Mode {Mode} is not one of {string.Join(", ", Enum.GetNames<SharedBreakerMode>())}"),
            (RefreshInterval >= DistributedBreakerConstants.MinRefreshInterval && RefreshInterval <= DistributedBreakerConstants.MaxRefreshInterval,
                $"RefreshInterval must be between {DistributedBreakerConstants.MinRefreshInterval.TotalMilliseconds:0} ms and {DistributedBreakerConstants.MaxRefreshInterval.TotalSeconds:0} s")));
}
