namespace ResilienceLab.Harness.Targets;

/// <summary>
/// Where a run's resources live (<c>--target</c>: <c>local</c> or <c>aws</c>, with the config's <c>endpoints</c> placing
/// each service) and whether it uses drifted or not-owned resources as they are (<c>--adopt</c>).
/// </summary>
public sealed record RunTarget(string Name, bool Adopt = false)
{
    /// <summary>Every service in-process, whatever the config's endpoints say (the control cohort).</summary>
    public static RunTarget InProcess { get; } = new(BackendFactory.InProcess);
}
