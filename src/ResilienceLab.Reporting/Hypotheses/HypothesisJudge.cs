using ResilienceLab.Reporting.Model;

namespace ResilienceLab.Reporting.Hypotheses;

/// <summary>Judges each check of a hypothesis against a finished run's report (<see cref="MetricRegistry"/> reads the metric).</summary>
public static class HypothesisJudge
{
    public static IReadOnlyList<HypothesisResult> Judge(RunReport report, IReadOnlyList<HypothesisCheck> checks)
    {
        ArgumentNullException.ThrowIfNull(checks);
        return [.. checks.Select(check => Judge(report, check))];
    }

    public static HypothesisResult Judge(RunReport report, HypothesisCheck check)
    {
        ArgumentNullException.ThrowIfNull(check);
        var value = MetricRegistry.Resolve(report, check.Metric);
        var outcome = value.State switch
        {
            MetricState.Observed => ComparisonOperators.Holds(check.Operator, value.Value!.Value, check.Threshold) ? CheckOutcome.Passed : CheckOutcome.Failed,
            MetricState.NeverHappened => CheckOutcome.Failed,
            MetricState.NotObserved => CheckOutcome.NotObserved,
        };
        return new HypothesisResult(check.Name, check.Metric, check.Expected, value.Value is { } v ? Math.Round(v, 4) : null, outcome, check.Description)
        {
            Note = value.Note,
        };
    }
}
