using ResilienceLab.Reporting.Model;

namespace ResilienceLab;

/// <summary>What a <see cref="ResilienceRunner"/> run gave: each scenario's report.</summary>
public sealed record RunResults(IReadOnlyList<ScenarioResult> Scenarios)
{
    /// <summary>True only when every scenario was contained.</summary>
    public bool AllContained => Scenarios.All(s => s.Verdict == Verdict.Contained);

    public ScenarioResult this[string name] => Scenarios.Single(s => s.Name == name);
}
