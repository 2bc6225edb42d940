using ResilienceLab.Stack.Ports;
using static ResilienceLab.Stack.Distributed.DistributedBreakerConstants;

namespace ResilienceLab.Stack.Distributed;

/// <summary>
/// The bounded mode's decisions as pure functions of the item, what one instance brings to a synchronisation, and the
/// time: the counters it flushes, and the one state change or probe claim it then writes. No I/O here.
/// </summary>
/// <remarks>
/// <c>failure_count</c> is windowed: the sum over instances of each one's current run of failures (since its last
/// success, capped at <c>max_contribution_per_instance</c>), reset when the breaker closes.
/// </remarks>
internal static class BoundedBreakerRules
{
    /// <summary>The document's opening rule on the shared counts, with the quorum of distinct instances.</summary>
    public static bool ShouldOpen(int failureCount, int reportingInstances, DistributedBreakerOptions options) =>
        failureCount >= options.FailureThreshold && reportingInstances >= options.MinInstancesToOpen;

    /// <summary>The opening rule on <paramref name="item"/> with this instance's contribution replaced by <paramref name="mine"/> (fresher than the stored one).</summary>
    public static bool QuorumAgrees(BreakerItem item, int mine, DistributedBreakerOptions options)
    {
        var others = 0;
        var reporting = mine > 0 ? 1 : 0;
        foreach (var (instance, failures) in item.InstanceFailures)
        {
            if (instance != options.InstanceId && failures > 0)
            {
                others += failures;
                reporting++;
            }
        }

        return ShouldOpen(others + mine, reporting, options);
    }

    /// <summary>The counters to add, conditioned on the version seen; null when there is nothing to add.</summary>
    public static BreakerCounterUpdate? Flush(BreakerItem item, BreakerSyncPlan plan, DistributedBreakerOptions options)
    {
        var update = new BreakerCounterUpdate
        {
            ServiceName = item.ServiceName,
            ExpectedVersion = item.Version,
            Failures = plan.Failures,
            Successes = plan.Successes,
            InstanceId = options.InstanceId,
            ContributionDelta = plan.Contribution - item.InstanceFailures.GetValueOrDefault(options.InstanceId),
            LastFailureTime = plan.LastFailureTime,
        };
        return update.IsEmpty ? null : update;
    }

    /// <summary>The one write that follows the flush: a state change, a probe claim, or neither.</summary>
    public static (BreakerStateChange? Change, BreakerCounterUpdate? Claim) Next(BreakerItem item, BreakerSyncPlan plan, double now, DistributedBreakerOptions options)
    {
        switch (item.State)
        {
            case Closed when ShouldOpen(item.FailureCount, item.InstanceFailures.Values.Count(f => f > 0), options):
                // last_failure_time was just written by the flushes: the breaker stays open timeout_seconds after it.
                return (Change(item, Open, now, options), null);
            case Open when plan.WantsProbe && now - item.LastFailureTime >= options.TimeoutSeconds:
                // The instance that starts the half-open round takes its first probe slot in the same write.
                return (Change(item, HalfOpen, now, options) with { HalfOpenCalls = 1 }, null);
            case HalfOpen when plan.Proposal is { } proposal && proposal.Round == item.Version:
                return proposal.To == Closed
                    ? (Change(item, Closed, now, options) with { ResetFailures = true }, null)
                    : (Change(item, Open, now, options) with { LastFailureTime = proposal.At }, null);
            case HalfOpen when plan.WantsProbe && item.HalfOpenCalls < options.HalfOpenMaxCalls:
                return (null, new BreakerCounterUpdate { ServiceName = item.ServiceName, ExpectedVersion = item.Version, ProbeClaims = 1, ProbeLimit = options.HalfOpenMaxCalls });
            case HalfOpen when plan.WantsProbe && now - item.UpdatedAt >= options.TimeoutSeconds:
                // Every slot taken and no verdict for timeout_seconds (the probing instance died): a new round.
                return (Change(item, HalfOpen, now, options) with { HalfOpenCalls = 1 }, null);
            default:
                return (null, null);
        }
    }

    /// <summary>The item a first synchronisation creates for a service nobody wrote yet.</summary>
    public static BreakerItem NewItem(string serviceName, DistributedBreakerOptions options) => new()
    {
        ServiceName = serviceName,
        FailureThreshold = options.FailureThreshold,
        TimeoutSeconds = options.TimeoutSeconds,
        HalfOpenMaxCalls = options.HalfOpenMaxCalls,
        InstanceFailures = new Dictionary<string, int>(StringComparer.Ordinal),
        Version = 1,
    };

    private static BreakerStateChange Change(BreakerItem item, string to, double now, DistributedBreakerOptions options) => new()
    {
        ServiceName = item.ServiceName,
        ExpectedVersion = item.Version,
        From = item.State,
        To = to,
        UpdatedAt = now,
        FailureThreshold = options.FailureThreshold,
        TimeoutSeconds = options.TimeoutSeconds,
        HalfOpenMaxCalls = options.HalfOpenMaxCalls,
    };
}
