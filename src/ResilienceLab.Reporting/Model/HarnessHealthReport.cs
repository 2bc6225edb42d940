namespace ResilienceLab.Reporting.Model;

/// <summary>
/// Whether the harness kept up: the limits it was held to and each window's figures. <see cref="Healthy"/> is false
/// when a judged window has a violation; the verdict is then inconclusive, never not contained.
/// </summary>
public sealed record HarnessHealthReport
{
    public required HarnessLimits Limits { get; init; }

    public IReadOnlyDictionary<string, HarnessWindowHealth> Windows { get; init; } = new Dictionary<string, HarnessWindowHealth>();

    public bool Healthy => Windows.Values.Where(w => w.Judged).All(w => w.Violations.Count == 0);

    /// <summary>Every violation in a judged window, as the verdict states it.</summary>
    public IReadOnlyList<string> Problems => [.. Windows.Values.Where(w => w.Judged).SelectMany(w => w.Violations).Select(v => v.Reason)];
}
