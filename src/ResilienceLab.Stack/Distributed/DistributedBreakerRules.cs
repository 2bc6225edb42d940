using ResilienceLab.Stack.Ports;
using static ResilienceLab.Stack.Distributed.DistributedBreakerConstants;

namespace ResilienceLab.Stack.Distributed;

/// <summary>
/// The document's check/success/failure as pure functions of the stored item and the time: each returns the item to
/// write (null when nothing changes). No I/O here; <see cref="CircuitBreakerManager"/> reads, applies and writes conditionally.
/// </summary>
internal static class DistributedBreakerRules
{
    private static readonly Dictionary<string, int> NoFailures = new(StringComparer.Ordinal);

    public static (BreakerItem? Next, BreakerCheck Check) Check(BreakerItem item, double now, DistributedBreakerOptions options)
    {
        switch (item.State)
        {
            case Closed:
                return (null, new BreakerCheck(true, ReasonClosed));
            case Open when now - item.LastFailureTime >= options.TimeoutSeconds:
                // This call is the first probe; the document resets half_open_calls to 0 here and so lets one extra probe through.
                return (item with { State = HalfOpen, HalfOpenCalls = 1 }, new BreakerCheck(true, ReasonToHalfOpen));
            case Open:
                return (null, new BreakerCheck(false, ReasonOpen));
            case HalfOpen when item.HalfOpenCalls < options.HalfOpenMaxCalls:
                return (item with { HalfOpenCalls = item.HalfOpenCalls + 1 }, new BreakerCheck(true, ReasonHalfOpenProbe));
            case HalfOpen when now - item.UpdatedAt >= options.TimeoutSeconds:
                // Probes that never reported (their instance died) would leave the document's breaker half-open for ever: start a new round.
                return (item with { HalfOpenCalls = 1 }, new BreakerCheck(true, ReasonHalfOpenProbe));
            case HalfOpen:
                return (null, new BreakerCheck(false, ReasonHalfOpenLimit));
            default:
                return (null, new BreakerCheck(false, ReasonUnknownState));
        }
    }

    public static BreakerItem Success(BreakerItem item) => item.State switch
    {
        HalfOpen or Closed => item with
        {
            State = Closed,
            FailureCount = 0,
            HalfOpenCalls = 0,
            InstanceFailures = NoFailures,
            TotalSuccesses = item.TotalSuccesses + 1,
        },
        _ => item with { TotalSuccesses = item.TotalSuccesses + 1 },
    };

    public static BreakerItem Failure(BreakerItem item, double now, string instanceId, DistributedBreakerOptions options)
    {
        var failures = new Dictionary<string, int>(item.InstanceFailures, StringComparer.Ordinal);
        var mine = failures.GetValueOrDefault(instanceId);
        if (mine < options.EffectiveMaxContribution)
        {
            failures[instanceId] = mine + 1;
        }

        var count = failures.Values.Sum();
        var reporting = failures.Values.Count(v => v > 0);
        var state = item.State switch
        {
            HalfOpen => Open,
            Closed when count >= options.FailureThreshold && reporting >= options.MinInstancesToOpen => Open,
            _ => item.State,
        };
        return item with
        {
            State = state,
            FailureCount = count,
            InstanceFailures = failures,
            LastFailureTime = now,
            HalfOpenCalls = state == Open ? 0 : item.HalfOpenCalls,
            TotalFailures = item.TotalFailures + 1,
        };
    }
}
