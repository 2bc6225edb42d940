using ResilienceLab.Reporting.Model;

namespace ResilienceLab;

/// <summary>One scenario's verdict, its report and the folder it was written to.</summary>
public sealed record ScenarioResult(RunReport Report, string ReportFolder)
{
    public string Name => Report.Scenario;

    public Verdict Verdict => Report.Verdict;

    /// <summary>The verdict's reasons and each check's outcome, for an assertion message.</summary>
    public override string ToString() =>
        $"{Name}: {VerdictText.Words(Verdict)} ({string.Join("; ", Report.VerdictReasons)}); " +
        string.Join(", ", Report.Hypothesis.Select(h => $"{h.Metric}={VerdictText.Observed(h)} {VerdictText.Result(h.Outcome)}")) + $"; report: {ReportFolder}";
}
