using System.Globalization;
using System.Text;
using ResilienceLab.Reporting.Plots;
using ResilienceLab.Reporting.Writers;

namespace ResilienceLab.Reporting.Comparison;

/// <summary>compare.md: the verdict of the comparison, then one table per scenario with every metric side by side.</summary>
public static class ComparisonMarkdownWriter
{
    public static string Render(ComparisonResult result, IReadOnlyList<PlotFile> plots)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(plots);
        var md = new StringBuilder();
        var regressions = result.Regressions.Count();
        md.AppendLine(regressions == 0 ? "# ✅ No regression" : $"# ❌ {regressions} regression{(regressions == 1 ? string.Empty : "s")}");
        md.AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"baseline {MarkdownText.Code(result.BaselineSource)}, candidate {MarkdownText.Code(result.CandidateSource)}; {ComparisonText.Tolerance(result)}.");
        var byScenario = plots.ToLookup(p => p.Scenario, StringComparer.Ordinal);
        if (ComparisonText.PlotNote(result, byScenario.Count) is { } note)
        {
            md.AppendLine().AppendLine(note);
        }
        foreach (var scenario in result.Scenarios)
        {
            md.AppendLine().AppendLine(CultureInfo.InvariantCulture, $"## {(scenario.Regressed ? "❌" : "✅")} {Cell(scenario.Scenario)}").AppendLine();
            md.AppendLine("| metric | baseline | candidate | delta | delta % | result |");
            md.AppendLine("|---|---|---|---|---|---|");
            foreach (var m in scenario.Metrics)
            {
                var outcome = ComparisonText.Outcome(m);
                md.AppendLine(CultureInfo.InvariantCulture, $"| {Cell(ComparisonText.Name(m))} | {ComparisonText.Value(m.Baseline)} | {ComparisonText.Value(m.Candidate)} | {ComparisonText.Delta(m)} | {ComparisonText.DeltaPercent(m)} | {(m.Regressed ? "**" + Cell(outcome) + "**" : Cell(outcome))} |");
            }

            foreach (var plot in byScenario[scenario.Scenario])
            {
                md.AppendLine().AppendLine(CultureInfo.InvariantCulture, $"![{Cell(plot.Title)}]({MarkdownText.Link(plot.FileName)})");
            }
        }

        return md.ToString();
    }

    private static string Cell(string text) => MarkdownText.Escape(text);
}
