using System.Globalization;
using System.Text;
using ResilienceLab.Reporting.Model;
using ResilienceLab.Reporting.Plots;
using static ResilienceLab.Reporting.Writers.HtmlPage;

namespace ResilienceLab.Reporting.Comparison;

/// <summary>compare.html: self-contained (overlay plots inlined), the comparison's verdict first, then one table and two overlays per scenario.</summary>
public static class ComparisonHtmlWriter
{
    public static string Render(ComparisonResult result, IReadOnlyList<PlotFile> plots)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(plots);
        var html = new StringBuilder(64 * 1024);
        var regressions = result.Regressions.Count();
        Begin(html, regressions == 0 ? "comparison: no regression" : $"comparison: {regressions} regressions");
        html.Append(CultureInfo.InvariantCulture, $"<section class=\"verdict {(regressions == 0 ? "contained" : "not_contained")}\"><div class=\"word\">{(regressions == 0 ? "no regression" : $"{regressions} regression{(regressions == 1 ? string.Empty : "s")}")}</div>")
            .Append(CultureInfo.InvariantCulture, $"<div class=\"sub\">baseline <code>{Encode(result.BaselineSource)}</code> vs candidate <code>{Encode(result.CandidateSource)}</code></div></section>\n")
            .Append(CultureInfo.InvariantCulture, $"<p class=\"note\">{Encode(ComparisonText.Tolerance(result))}. For latency, error rate and dropped higher is worse; for throughput lower is; for a check, its operator decides.</p>\n");
        var byScenario = plots.ToLookup(p => p.Scenario, StringComparer.Ordinal);
        if (ComparisonText.PlotNote(result, byScenario.Count) is { } note)
        {
            html.Append("<p class=\"note\">").Append(Encode(note)).Append("</p>\n");
        }

        html.Append("<table><tr><th>scenario</th><th>baseline verdict</th><th>candidate verdict</th><th>regressions</th></tr>\n");
        foreach (var s in result.Scenarios)
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr><td><a href=\"#{Encode(s.Scenario)}\">{Encode(s.Scenario)}</a></td><td>{Encode(s.Baseline is { } b ? VerdictText.Words(b.Verdict) : "–")}</td><td>{Encode(s.Candidate is { } c ? VerdictText.Words(c.Verdict) : "–")}</td>")
                .Append(CultureInfo.InvariantCulture, $"<td class=\"{(s.Regressed ? "fail" : "pass")}\">{s.Metrics.Count(m => m.Regressed)}</td></tr>\n");
        }

        html.Append("</table>\n");
        foreach (var s in result.Scenarios)
        {
            html.Append(CultureInfo.InvariantCulture, $"<h2 id=\"{Encode(s.Scenario)}\">{Encode(s.Scenario)} <span class=\"{(s.Regressed ? "fail" : "pass")}\">{(s.Regressed ? "regressed" : "ok")}</span></h2>\n")
                .Append("<table><tr><th>metric</th><th>baseline</th><th>candidate</th><th>delta</th><th>delta %</th><th>result</th></tr>\n");
            foreach (var m in s.Metrics)
            {
                html.Append(CultureInfo.InvariantCulture, $"<tr><td><code>{Encode(m.Metric)}</code>{(m.Check is null ? string.Empty : "<br>" + Encode(m.Check))}</td>")
                    .Append(CultureInfo.InvariantCulture, $"<td class=\"num\">{Encode(ComparisonText.Value(m.Baseline))}</td><td class=\"num\">{Encode(ComparisonText.Value(m.Candidate))}</td>")
                    .Append(CultureInfo.InvariantCulture, $"<td class=\"num\">{Encode(ComparisonText.Delta(m))}</td><td class=\"num\">{Encode(ComparisonText.DeltaPercent(m))}</td>")
                    .Append(CultureInfo.InvariantCulture, $"<td{(m.Regressed ? " class=\"fail\"" : string.Empty)}>{Encode(ComparisonText.Outcome(m))}</td></tr>\n");
            }

            html.Append("</table>\n");
            foreach (var plot in byScenario[s.Scenario])
            {
                html.Append(CultureInfo.InvariantCulture, $"<figure><img src=\"{PngDataUri(plot.Png)}\" alt=\"{Encode(plot.Title)}\"><figcaption>{Encode(plot.Title)}</figcaption></figure>\n");
            }
        }

        End(html);
        return html.ToString();
    }
}
