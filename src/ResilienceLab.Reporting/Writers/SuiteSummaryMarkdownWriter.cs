using System.Globalization;
using System.Text;
using ResilienceLab.Reporting.Comparison;
using ResilienceLab.Reporting.Model;

namespace ResilienceLab.Reporting.Writers;

/// <summary>summary.md of a suite run: one row per scenario with its verdict, failed checks and a link to its report.html.</summary>
public static class SuiteSummaryMarkdownWriter
{
    public static string Render(string suite, IReadOnlyList<RunReport> reports, IReadOnlyList<string> notRun, ComparisonResult? comparison)
    {
        ArgumentNullException.ThrowIfNull(reports);
        ArgumentNullException.ThrowIfNull(notRun);
        var tally = SuiteTally.Of(reports, notRun, comparison);
        var (contained, total, regressions) = tally;
        var passed = tally.Passed;
        var byScenario = comparison?.Scenarios.DistinctBy(s => s.Scenario, StringComparer.Ordinal).ToDictionary(s => s.Scenario, StringComparer.Ordinal);
        var md = new StringBuilder();
        md.AppendLine(CultureInfo.InvariantCulture, $"# {(passed ? "✅" : "❌")} suite {Cell(suite)}: {contained} of {total} contained{(comparison is null ? string.Empty : $", {regressions} regression{(regressions == 1 ? string.Empty : "s")} against the baseline")}");
        md.AppendLine();
        md.AppendLine(comparison is null ? "| scenario | verdict | failed checks | report |" : "| scenario | verdict | failed checks | regressions | report |");
        md.AppendLine(comparison is null ? "|---|---|---|---|" : "|---|---|---|---|---|");
        foreach (var r in reports)
        {
            var failed = r.Hypothesis.Where(h => h.Outcome == CheckOutcome.Failed).Select(h => h.Name).ToList();
            var failedText = r.Verdict is Verdict.Aborted or Verdict.Inconclusive ? $"{VerdictText.Words(r.Verdict)}: {string.Join("; ", r.VerdictReasons)}" : failed.Count == 0 ? "–" : string.Join("; ", failed);
            var regressed = byScenario?.GetValueOrDefault(r.Scenario)?.Metrics.Where(m => m.Regressed).Select(m => m.Metric).ToList();
            var regressedCell = comparison is null ? string.Empty : $" {(regressed is null || regressed.Count == 0 ? "–" : Cell(string.Join(", ", regressed)))} |";
            md.AppendLine(CultureInfo.InvariantCulture, $"| {Cell(r.Scenario)} | {(r.Verdict == Verdict.Contained ? "contained" : "**" + Cell(VerdictText.Words(r.Verdict)) + "**")} | {Cell(failedText)} |{regressedCell} [report.html]({MarkdownText.Link(r.Scenario, "report.html")}) |");
        }

        foreach (var name in notRun)
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"| {Cell(name)} | **not run** | the suite stopped before it |{(comparison is null ? string.Empty : " – |")} – |");
        }

        if (comparison is not null)
        {
            md.AppendLine().AppendLine(CultureInfo.InvariantCulture, $"Compared with {MarkdownText.Code(comparison.BaselineSource)}: see [compare/compare.html](compare/compare.html); {ComparisonText.Tolerance(comparison)}.");
        }

        return md.ToString();
    }

    private static string Cell(string text) => MarkdownText.Escape(text);
}
