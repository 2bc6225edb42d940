using ResilienceLab.Reporting.Comparison;
using ResilienceLab.Reporting.Model;

namespace ResilienceLab.Reporting.Writers;

/// <summary>A suite run at a glance, as every summary states it: how many scenarios were contained of how many, regressions, and whether the gate passed.</summary>
internal readonly record struct SuiteTally(int Contained, int Total, int Regressions)
{
    public bool Passed => Contained == Total && Regressions == 0;

    public static SuiteTally Of(IReadOnlyList<RunReport> reports, IReadOnlyList<string> notRun, ComparisonResult? comparison) =>
        new(reports.Count(r => r.Verdict == Verdict.Contained), reports.Count + notRun.Count, comparison?.Regressions.Count() ?? 0);
}
