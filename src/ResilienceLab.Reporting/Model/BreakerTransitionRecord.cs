namespace ResilienceLab.Reporting.Model;

/// <summary>A breaker transition at <see cref="AtS"/> seconds into the run.</summary>
public sealed record BreakerTransitionRecord(double AtS, string From, string To, string Reason)
{
    /// <summary>The stack instance whose breaker (or view of a shared one) moved. <value>Default null.</value></summary>
    public string? Instance { get; init; }
}
