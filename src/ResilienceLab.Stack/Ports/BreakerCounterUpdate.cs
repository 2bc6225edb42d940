namespace ResilienceLab.Stack.Ports;

/// <summary>
/// What one instance adds to a breaker item in one atomic update (DynamoDB UpdateItem with ADD): outcome totals, the
/// change in its own failure contribution, and half-open probe slots it claims. Applied only while the item is still at
/// <see cref="ExpectedVersion"/>, so a state change in between (a close resets the failure counts) refuses it.
/// </summary>
public sealed record BreakerCounterUpdate
{
    public required string ServiceName { get; init; }

    /// <summary>The version the instance last saw; the update is refused when the stored version differs (or no item exists).</summary>
    public required long ExpectedVersion { get; init; }

    /// <summary>Added to <c>total_failures</c>.</summary>
    public long Failures { get; init; }

    /// <summary>Added to <c>total_successes</c>.</summary>
    public long Successes { get; init; }

    /// <summary>Whose contribution <see cref="ContributionDelta"/> changes (a key of <c>instance_failures</c>); null for none.</summary>
    public string? InstanceId { get; init; }

    /// <summary>Added to <c>instance_failures[InstanceId]</c> and to <c>failure_count</c>; negative when the instance's run of failures ended.</summary>
    public int ContributionDelta { get; init; }

    /// <summary>Half-open probe slots claimed: added to <c>half_open_calls</c>, only while the item is HALF_OPEN with this many of <see cref="ProbeLimit"/> free.</summary>
    public int ProbeClaims { get; init; }

    /// <summary>The most probe slots a half-open round has (<c>half_open_max_calls</c>); read only when <see cref="ProbeClaims"/> is positive.</summary>
    public int ProbeLimit { get; init; }

    /// <summary>Written to <c>last_failure_time</c> when set (seconds since the epoch).</summary>
    public double? LastFailureTime { get; init; }

    /// <summary>True when the update changes nothing the table would store.</summary>
    public bool IsEmpty => Failures == 0 && Successes == 0 && ContributionDelta == 0 && ProbeClaims == 0 && LastFailureTime is null;

    /// <summary>
    /// The item after this update, or null when its condition does not hold for <paramref name="stored"/>: what an
    /// in-process table does in one step under its lock, as DynamoDB does with the update and condition expressions.
    /// </summary>
    public BreakerItem? ApplyTo(BreakerItem? stored)
    {
        if (stored is null || stored.Version != ExpectedVersion)
        {
            return null;
        }

        if (ProbeClaims > 0 && (stored.State != "HALF_OPEN" || stored.HalfOpenCalls > ProbeLimit - ProbeClaims))
        {
            return null;
        }

        var contributions = stored.InstanceFailures;
        if (InstanceId is not null && ContributionDelta != 0)
        {
            var changed = new Dictionary<string, int>(stored.InstanceFailures, StringComparer.Ordinal);
            changed[InstanceId] = changed.GetValueOrDefault(InstanceId) + ContributionDelta;
            contributions = changed;
        }

        return stored with
        {
            TotalFailures = stored.TotalFailures + Failures,
            TotalSuccesses = stored.TotalSuccesses + Successes,
            FailureCount = stored.FailureCount + (InstanceId is null ? 0 : ContributionDelta),
            InstanceFailures = contributions,
            HalfOpenCalls = stored.HalfOpenCalls + ProbeClaims,
            LastFailureTime = LastFailureTime ?? stored.LastFailureTime,
        };
    }
}
