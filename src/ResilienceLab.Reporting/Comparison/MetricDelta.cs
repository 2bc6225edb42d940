using ResilienceLab.Reporting.Model;

namespace ResilienceLab.Reporting.Comparison;

/// <summary>
/// One metric of one scenario, baseline beside candidate: the change, the change relative to the baseline, and whether
/// it is a regression beyond the tolerance. <see cref="Note"/> says why when the reason is not the number itself.
/// </summary>
public sealed record MetricDelta
{
    public required string Scenario { get; init; }

    /// <summary>A summary metric (<c>latency.p99_ms</c>) or a hypothesis metric (<c>breaker.payment.time_to_open_s</c>).</summary>
    public required string Metric { get; init; }

    /// <summary>The check's name for hypothesis metrics; null for summary metrics.</summary>
    public string? Check { get; init; }

    public double? Baseline { get; init; }

    public double? Candidate { get; init; }

    public MetricDirection Direction { get; init; }

    /// <summary>Changes smaller than this (in the metric's unit) are noise and never regressions.</summary>
    public double AbsoluteFloor { get; init; }

    public bool? BaselinePassed { get; init; }

    public bool? CandidatePassed { get; init; }

    public bool Regressed { get; init; }

    public string? Note { get; init; }

    /// <summary>Candidate − baseline; null when either is missing.</summary>
    public double? Delta => Baseline is { } b && Candidate is { } c ? c - b : null;

    /// <summary>The change in percent of the baseline; infinite when the baseline is 0 and the candidate is not.</summary>
    public double? DeltaPercent => Delta switch
    {
        null => null,
        0 => 0,
        { } d when Baseline == 0 => d > 0 ? double.PositiveInfinity : double.NegativeInfinity,
        { } d => d / Math.Abs(Baseline!.Value) * 100,
    };
}
