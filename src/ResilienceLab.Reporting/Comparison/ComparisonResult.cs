namespace ResilienceLab.Reporting.Comparison;

/// <summary>Every scenario of a baseline compared with a candidate, under one tolerance.</summary>
public sealed record ComparisonResult(string BaselineSource, string CandidateSource, double MaxRegressionPercent, IReadOnlyList<ScenarioComparison> Scenarios)
{
    public IEnumerable<MetricDelta> Regressions => Scenarios.SelectMany(s => s.Metrics).Where(m => m.Regressed);

    public bool Regressed => Scenarios.Any(s => s.Regressed);
}
