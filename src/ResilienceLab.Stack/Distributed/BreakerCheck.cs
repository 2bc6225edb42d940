namespace ResilienceLab.Stack.Distributed;

/// <summary>The document's check answer: <c>{allowed, reason}</c>; <see cref="FromLocalState"/> marks an answer given without the table.</summary>
public sealed record BreakerCheck(bool Allowed, string Reason)
{
    public bool FromLocalState { get; init; }
}
