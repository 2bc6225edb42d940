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
}
