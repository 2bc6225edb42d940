using System.Text;
using ResilienceLab.Reporting.Model;
using ResilienceLab.Reporting.Plots;

namespace ResilienceLab.Reporting.Writers;

/// <summary>
/// Writes <c>OUT/SCENARIO/</c> atomically: everything goes to a hidden sibling folder first, which then replaces the
/// old folder by rename, so a reader never sees half a report.
/// </summary>
public static class ReportFolderWriter
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    public static string Write(string outDirectory, RunReport report, IEnumerable<(string FileName, string Content)>? extraFiles = null)
    {
        ArgumentNullException.ThrowIfNull(report);
        Directory.CreateDirectory(outDirectory);
        var target = Path.Combine(outDirectory, report.Scenario);
        var staging = Path.Combine(outDirectory, $".{report.Scenario}.{Environment.ProcessId}.{Environment.TickCount64}.tmp");
        Directory.CreateDirectory(staging);
        try
        {
            File.WriteAllText(Path.Combine(staging, "report.json"), ReportJson.Serialize(report), Utf8);
            File.WriteAllText(Path.Combine(staging, "report.md"), MarkdownReportWriter.Render(report), Utf8);
            File.WriteAllText(Path.Combine(staging, "junit.xml"), JUnitReportWriter.Render([report]), Utf8);
            var plots = ReportPlots.Render(report);
            foreach (var plot in plots)
            {
                File.WriteAllBytes(Path.Combine(staging, plot.FileName), plot.Png);
            }

            File.WriteAllText(Path.Combine(staging, "report.html"), HtmlReportWriter.Render(report, plots), Utf8);

            foreach (var (fileName, content) in extraFiles ?? [])
            {
                File.WriteAllText(Path.Combine(staging, fileName), content, Utf8);
            }

            Replace(staging, target);
            return target;
        }
        catch
        {
            TryDelete(staging);
            throw;
        }
    }

    private static void Replace(string staging, string target)
    {
        if (Directory.Exists(target))
        {
            var old = target + $".old.{Environment.TickCount64}";
            Directory.Move(target, old);
            Directory.Move(staging, target);
            TryDelete(old);
        }
        else
        {
            Directory.Move(staging, target);
        }
    }

    private static void TryDelete(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // Leftovers of a replaced report are harmless; the new report is already in place.
        }
    }
}
