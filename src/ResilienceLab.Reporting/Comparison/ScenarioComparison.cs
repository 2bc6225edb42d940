using ResilienceLab.Reporting.Model;

namespace ResilienceLab.Reporting.Comparison;

/// <summary>One scenario compared: the two reports (either may be missing) and every metric side by side.</summary>
public sealed record ScenarioComparison(string Scenario, RunReport? Baseline, RunReport? Candidate, IReadOnlyList<MetricDelta> Metrics)
{
    public bool Regressed => Metrics.Any(m => m.Regressed);
}
