using ResilienceLab.Reporting.Model;

namespace ResilienceLab.Reporting.Hypotheses;

/// <summary>Judges a hypothesis against a finished run: every check resolved and compared; the verdict is contained only if all pass.</summary>
public static class HypothesisJudge
{
    public static IReadOnlyList<HypothesisResult> Judge(RunReport report, IReadOnlyList<HypothesisCheck> checks)
    {
        ArgumentNullException.ThrowIfNull(checks);
        return [.. checks.Select(check =>
        {
            var observed = MetricResolver.Resolve(report, check.Metric);
            var passed = observed is { } value && ComparisonOperators.Holds(check.Operator, value, check.Threshold);
            return new HypothesisResult(check.Name, check.Metric, check.Expected, observed is { } v ? Math.Round(v, 4) : null, passed, check.Description);
        })];
    }

    public static string Verdict(IReadOnlyList<HypothesisResult> results, bool aborted) =>
        aborted ? Verdicts.Aborted : results.All(r => r.Passed) ? Verdicts.Contained : Verdicts.NotContained;
}
