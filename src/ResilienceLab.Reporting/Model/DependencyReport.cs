namespace ResilienceLab.Reporting.Model;

/// <summary>
/// One dependency over the run: calls made by the stack, attempts that reached it, requests it received,
/// amplification (attempts per call), and its breaker's transitions with time to open and to close.
/// </summary>
public sealed record DependencyReport
{
    public long Calls { get; init; }

    public long Errors { get; init; }

    public long Attempts { get; init; }

    public long Retries { get; init; }

    public long Rejections { get; init; }

    public long RequestsReceived { get; init; }

    /// <summary>
    /// False when no server of this run saw the dependency's requests (a real endpoint, or dependencies hosted by another
    /// process): <see cref="RequestsReceived"/> and <see cref="RequestsWhileOpen"/> are then 0 for want of data, not
    /// because nothing arrived, and checks on them are not observed.
    /// </summary>
    public bool RequestsObserved { get; init; } = true;

    /// <summary>Attempts per call over the run.</summary>
    public double Amplification { get; init; }

    public IReadOnlyList<BreakerTransitionRecord> BreakerTransitions { get; init; } = [];

    /// <summary>Seconds from the first fault on this dependency to its breaker opening; null when it never opened.</summary>
    public double? TimeToOpenS { get; init; }

    /// <summary>Seconds from the end of the last fault on this dependency to its breaker closing; null when it did not close.</summary>
    public double? TimeToCloseS { get; init; }

    /// <summary>Requests the dependency received while its breaker was open or half-open.</summary>
    public long RequestsWhileOpen { get; init; }

    /// <summary>Half-open probes the breaker's settings allowed over those periods.</summary>
    public long ProbesAllowed { get; init; }

    /// <summary>Operations on the breaker table for this service over the run; null when its breaker is not shared through the table.</summary>
    public long? BreakerTableOperations { get; init; }

    /// <summary>
    /// The busiest second's breaker-table operations for this service divided by the instances sharing the breaker: the
    /// table's cost per instance at its peak; null when the breaker is not shared through the table, or the run has no second.
    /// </summary>
    public double? BreakerTableOperationsPerSecondPerInstance { get; init; }
}
