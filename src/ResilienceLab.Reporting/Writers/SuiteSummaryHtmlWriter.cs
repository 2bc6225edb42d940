using System.Globalization;
using System.Text;
using ResilienceLab.Reporting.Comparison;
using ResilienceLab.Reporting.Model;
using static ResilienceLab.Reporting.Writers.HtmlPage;

namespace ResilienceLab.Reporting.Writers;

/// <summary>summary.html of a suite run: the gate's verdict first, then one row per scenario linking to its report.html.</summary>
public static class SuiteSummaryHtmlWriter
{
    public static string Render(string suite, IReadOnlyList<RunReport> reports, IReadOnlyList<string> notRun, ComparisonResult? comparison)
    {
        ArgumentNullException.ThrowIfNull(reports);
        ArgumentNullException.ThrowIfNull(notRun);
        var tally = SuiteTally.Of(reports, notRun, comparison);
        var (contained, total, regressions) = tally;
        var passed = tally.Passed;
        var byScenario = comparison?.Scenarios.DistinctBy(s => s.Scenario, StringComparer.Ordinal).ToDictionary(s => s.Scenario, StringComparer.Ordinal);
        var html = new StringBuilder();
        Begin(html, $"suite {suite}: {(passed ? "passed" : "failed")}");
        html.Append(CultureInfo.InvariantCulture, $"<section class=\"verdict {(passed ? "contained" : "not_contained")}\"><div class=\"word\">{(passed ? "gate passed" : "gate failed")}</div>")
            .Append(CultureInfo.InvariantCulture, $"<h1>suite {Encode(suite)}</h1><div class=\"sub\">{contained} of {total} scenarios contained")
            .Append(comparison is null ? string.Empty : $"; {regressions} regression{(regressions == 1 ? string.Empty : "s")} against the baseline")
            .Append("</div></section>\n<table><tr><th>scenario</th><th>verdict</th><th>failed checks</th>")
            .Append(comparison is null ? string.Empty : "<th>regressions</th>")
            .Append("<th>report</th></tr>\n");
        foreach (var r in reports)
        {
            var failed = r.Hypothesis.Where(h => h.Outcome == CheckOutcome.Failed).Select(h => h.Name).ToList();
            var failedText = r.Verdict is Verdict.Aborted or Verdict.Inconclusive ? $"{VerdictText.Words(r.Verdict)}: {string.Join("; ", r.VerdictReasons)}" : failed.Count == 0 ? "–" : string.Join("; ", failed);
            html.Append(CultureInfo.InvariantCulture, $"<tr><td>{Encode(r.Scenario)}</td><td class=\"{r.Verdict switch { Verdict.Contained => "pass", Verdict.NotContained => "fail", Verdict.Inconclusive or Verdict.Aborted => "warn" }}\">{Encode(VerdictText.Words(r.Verdict))}</td><td>{Encode(failedText)}</td>");
            if (comparison is not null)
            {
                var regressed = byScenario!.GetValueOrDefault(r.Scenario)?.Metrics.Where(m => m.Regressed).Select(m => m.Metric).ToList() ?? [];
                html.Append(CultureInfo.InvariantCulture, $"<td{(regressed.Count > 0 ? " class=\"fail\"" : string.Empty)}>{(regressed.Count == 0 ? "–" : Encode(string.Join(", ", regressed)))}</td>");
            }

            html.Append(CultureInfo.InvariantCulture, $"<td><a href=\"{Encode(Uri.EscapeDataString(r.Scenario))}/report.html\">report.html</a></td></tr>\n");
        }

        foreach (var name in notRun)
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr><td>{Encode(name)}</td><td class=\"warn\">not run</td><td>the suite stopped before it</td>{(comparison is null ? string.Empty : "<td>–</td>")}<td>–</td></tr>\n");
        }

        html.Append("</table>\n");
        if (comparison is not null)
        {
            html.Append(CultureInfo.InvariantCulture, $"<p>Compared with <code>{Encode(comparison.BaselineSource)}</code>: <a href=\"compare/compare.html\">compare.html</a>. <span class=\"note\">{Encode(ComparisonText.Tolerance(comparison))}.</span></p>\n");
        }

        End(html);
        return html.ToString();
    }
}
