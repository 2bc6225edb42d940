using System.Text;
using ResilienceLab.Reporting.Plots;

namespace ResilienceLab.Reporting.Comparison;

/// <summary>
/// Writes compare.md, compare.html and the overlay PNGs to a folder; each file lands whole (written aside, then renamed).
/// Overlays are drawn for every scenario of a small comparison, and for the <see cref="MaxPlottedScenarios"/> scenarios
/// with the most regressions of a large one: a plot costs a few hundred milliseconds, a table row nothing.
/// </summary>
public static class ComparisonFolderWriter
{
    /// <summary>The most scenarios that get overlay plots. <value>10.</value></summary>
    public const int MaxPlottedScenarios = 10;

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    public static string Write(string outDirectory, ComparisonResult result, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(result);
        Directory.CreateDirectory(outDirectory);
        var plots = PlottedScenarios(result)
            .SelectMany(s =>
            {
                cancellationToken.ThrowIfCancellationRequested();
                return ComparisonPlots.Render(s.Baseline!, s.Candidate!);
            })
            .ToList();
        foreach (var plot in plots)
        {
            Replace(Path.Combine(outDirectory, plot.FileName), path => File.WriteAllBytes(path, plot.Png));
        }

        Replace(Path.Combine(outDirectory, "compare.md"), path => File.WriteAllText(path, ComparisonMarkdownWriter.Render(result, plots), Utf8));
        var html = Path.Combine(outDirectory, "compare.html");
        Replace(html, path => File.WriteAllText(path, ComparisonHtmlWriter.Render(result, plots), Utf8));
        return html;
    }

    /// <summary>The scenarios that get overlay plots: all of them up to <see cref="MaxPlottedScenarios"/>, else the most regressed.</summary>
    public static IReadOnlyList<ScenarioComparison> PlottedScenarios(ComparisonResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var both = result.Scenarios.Where(s => s.Baseline is not null && s.Candidate is not null).ToList();
        return both.Count <= MaxPlottedScenarios
            ? both
            : [.. both.Where(s => s.Regressed).OrderByDescending(s => s.Metrics.Count(m => m.Regressed)).ThenBy(s => s.Scenario, StringComparer.Ordinal).Take(MaxPlottedScenarios)];
    }

    private static void Replace(string path, Action<string> write)
    {
        var temp = Path.Combine(Path.GetDirectoryName(path)!, $".{Path.GetFileName(path)}.{Environment.ProcessId}.tmp");
        write(temp);
        File.Move(temp, path, overwrite: true);
    }
}
