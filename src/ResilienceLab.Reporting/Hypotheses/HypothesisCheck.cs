namespace ResilienceLab.Reporting.Hypotheses;

/// <summary>One check of a scenario's hypothesis: a metric (see <see cref="MetricRegistry"/>), a comparison and a threshold.</summary>
public sealed record HypothesisCheck(string Name, string Metric, ComparisonOperator Operator, double Threshold, string? Description = null)
{
    public string Expected => $"{ComparisonOperators.Symbol(Operator)} {Threshold:0.###}";
}
