namespace ResilienceLab.Reporting.Model;

/// <summary>How a verdict is written: its report.json word and its words for people.</summary>
public static class VerdictText
{
    /// <summary>The snake_case word report.json carries (<c>not_contained</c>).</summary>
    public static string Word(Verdict verdict) => verdict switch
    {
        Verdict.Contained => "contained",
        Verdict.NotContained => "not_contained",
        Verdict.Inconclusive => "inconclusive",
        Verdict.Aborted => "aborted",
    };

    /// <summary>The verdict for a sentence (<c>not contained</c>).</summary>
    public static string Words(Verdict verdict) => Word(verdict).Replace('_', ' ');

    /// <summary>A check's outcome in a table cell: <c>pass</c>, <c>FAIL</c>, <c>not observed</c>.</summary>
    public static string Result(CheckOutcome outcome) => outcome switch
    {
        CheckOutcome.Passed => "pass",
        CheckOutcome.Failed => "FAIL",
        CheckOutcome.NotObserved => "not observed",
    };

    /// <summary>A check's observed figure for a table cell, or why there is none.</summary>
    public static string Observed(HypothesisResult check)
    {
        ArgumentNullException.ThrowIfNull(check);
        return check.Observed is { } v ? v.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture) : check.Note ?? "none";
    }

    /// <summary>One sentence saying what the verdict means for this run.</summary>
    public static string Meaning(RunReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var reasons = report.VerdictReasons.Count == 0 ? string.Empty : ": " + string.Join("; ", report.VerdictReasons);
        return report.Verdict switch
        {
            Verdict.Contained => $"The failure was contained: all {report.Hypothesis.Count} checks passed.",
            Verdict.NotContained => $"The failure was not contained{reasons}.",
            Verdict.Inconclusive => $"The run cannot say whether the failure was contained{reasons}.",
            Verdict.Aborted => "The run was aborted: " + (report.AbortReason ?? "no reason recorded"),
        };
    }
}
