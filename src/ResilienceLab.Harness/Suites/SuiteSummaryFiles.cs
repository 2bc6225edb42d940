using System.Text;
using ResilienceLab.Reporting.Comparison;
using ResilienceLab.Reporting.Model;
using ResilienceLab.Reporting.Writers;

namespace ResilienceLab.Harness.Suites;

/// <summary>A gate's summary.md, summary.html and combined junit.xml, each replaced whole (a reader never sees half a file).</summary>
public static class SuiteSummaryFiles
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    public static void Write(string outDirectory, string suite, IReadOnlyList<RunReport> reports, IReadOnlyList<string> notRun, ComparisonResult? comparison)
    {
        Directory.CreateDirectory(outDirectory);
        Replace(Path.Combine(outDirectory, "junit.xml"), JUnitReportWriter.Render(reports));
        Replace(Path.Combine(outDirectory, "summary.md"), SuiteSummaryMarkdownWriter.Render(suite, reports, notRun, comparison));
        Replace(Path.Combine(outDirectory, "summary.html"), SuiteSummaryHtmlWriter.Render(suite, reports, notRun, comparison));
    }

    public static void Replace(string path, string content)
    {
        var temp = Path.Combine(Path.GetDirectoryName(path)!, $".{Path.GetFileName(path)}.{Environment.ProcessId}.tmp");
        File.WriteAllText(temp, content, Utf8);
        File.Move(temp, path, overwrite: true);
    }
}
