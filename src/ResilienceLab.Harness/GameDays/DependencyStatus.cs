namespace ResilienceLab.Harness.GameDays;

/// <summary>One dependency during a game day: calls, errors and attempts so far, and its breaker (<c>closed</c>, <c>half_open</c>, <c>open</c>).</summary>
public sealed record DependencyStatus(long Calls, long Errors, long Attempts, string Breaker);
