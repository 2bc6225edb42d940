namespace ResilienceLab.Harness.Observations;

/// <summary>The stack's calls to one dependency in one second (or in all, for a total).</summary>
public sealed record DependencySample
{
    public int Second { get; init; }

    public long Calls { get; init; }

    public long Errors { get; init; }

    public long Attempts { get; init; }

    public long Retries { get; init; }

    public long Rejections { get; init; }

    /// <summary>Operations on the breaker table made for the service (0 when its breaker is not shared through the table).</summary>
    public long TableOperations { get; init; }
}
