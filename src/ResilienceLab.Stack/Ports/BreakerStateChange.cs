namespace ResilienceLab.Stack.Ports;

/// <summary>
/// A conditional state transition of a breaker item (DynamoDB UpdateItem with SET and a ConditionExpression on the
/// version and state): it moves <see cref="From"/> to <see cref="To"/>, bumps the version, and leaves the outcome totals
/// to the atomic counter updates. Refused when another writer changed the state first.
/// </summary>
public sealed record BreakerStateChange
{
    public required string ServiceName { get; init; }

    /// <summary>The version the transition was decided on; the stored item becomes version <c>ExpectedVersion + 1</c>.</summary>
    public required long ExpectedVersion { get; init; }

    /// <summary>The state the transition was decided on (CLOSED, OPEN, HALF_OPEN).</summary>
    public required string From { get; init; }

    public required string To { get; init; }

    /// <summary>Written to <c>half_open_calls</c>: 0, or the probe slots the writer claims for itself when it starts a half-open round.</summary>
    public int HalfOpenCalls { get; init; }

    /// <summary>Written to <c>last_failure_time</c> when set (an opening).</summary>
    public double? LastFailureTime { get; init; }

    /// <summary>True clears <c>failure_count</c> and <c>instance_failures</c> (a close).</summary>
    public bool ResetFailures { get; init; }

    /// <summary>Written to <c>updated_at</c>: when the state changed (seconds since the epoch).</summary>
    public required double UpdatedAt { get; init; }

    /// <summary>The document's knobs, written with the state (<c>failure_threshold</c>, <c>timeout_seconds</c>, <c>half_open_max_calls</c>).</summary>
    public int FailureThreshold { get; init; } = 5;

    public int TimeoutSeconds { get; init; } = 60;

    public int HalfOpenMaxCalls { get; init; } = 3;

    /// <summary>The item after this transition, or null when its condition does not hold for <paramref name="stored"/> (see <see cref="BreakerCounterUpdate.ApplyTo"/>).</summary>
    public BreakerItem? ApplyTo(BreakerItem? stored)
    {
        if (stored is null || stored.Version != ExpectedVersion || stored.State != From)
        {
            return null;
        }

        return stored with
        {
            State = To,
            Version = ExpectedVersion + 1,
            UpdatedAt = UpdatedAt,
            HalfOpenCalls = HalfOpenCalls,
            LastFailureTime = LastFailureTime ?? stored.LastFailureTime,
            FailureCount = ResetFailures ? 0 : stored.FailureCount,
            InstanceFailures = ResetFailures ? new Dictionary<string, int>(StringComparer.Ordinal) : stored.InstanceFailures,
            FailureThreshold = FailureThreshold,
            TimeoutSeconds = TimeoutSeconds,
            HalfOpenMaxCalls = HalfOpenMaxCalls,
        };
    }
}
