namespace ResilienceLab.Reporting.Model;

/// <summary>A breaker transition at <see cref="AtS"/> seconds into the run.</summary>
public sealed record BreakerTransitionRecord(double AtS, string From, string To, string Reason);
