namespace ResilienceLab.Load;

/// <summary>How one iteration ended: ok, or failed with a short reason (snake_case, e.g. <c>http_503</c>, <c>timeout</c>).</summary>
public readonly record struct IterationOutcome(bool Ok, string? FailureReason)
{
    public static IterationOutcome Success { get; } = new(true, null);

    public static IterationOutcome Failure(string reason) => new(false, string.IsNullOrWhiteSpace(reason) ? "unknown" : reason);
}
