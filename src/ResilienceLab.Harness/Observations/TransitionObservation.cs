namespace ResilienceLab.Harness.Observations;

/// <summary>A breaker changed state at <see cref="AtS"/> seconds from the origin; states are Closed, Open, HalfOpen.</summary>
public sealed record TransitionObservation(double AtS, string Service, string From, string To, string Reason)
{
    /// <summary>The stack instance whose breaker moved (or whose table write moved the shared one). <value>Default null.</value></summary>
    public string? Instance { get; init; }
}
