using System.Text;
using ResilienceLab.Reporting.Plots;

namespace ResilienceLab.Reporting.Comparison;

/// <summary>Writes compare.md, compare.html and the overlay PNGs to a folder; each file lands whole (written aside, then renamed).</summary>
public static class ComparisonFolderWriter
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    public static string Write(string outDirectory, ComparisonResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        Directory.CreateDirectory(outDirectory);
        var plots = result.Scenarios
            .Where(s => s.Baseline is not null && s.Candidate is not null)
            .SelectMany(s => ComparisonPlots.Render(s.Baseline!, s.Candidate!))
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

    private static void Replace(string path, Action<string> write)
    {
        var temp = Path.Combine(Path.GetDirectoryName(path)!, $".{Path.GetFileName(path)}.{Environment.ProcessId}.tmp");
        write(temp);
        File.Move(temp, path, overwrite: true);
    }
}
