using System.Text;
using ResilienceLab.Reporting.Model;
using ResilienceLab.Reporting.Plots;

namespace ResilienceLab.Reporting.Writers;

/// <summary>
/// Writes <c>OUT/SCENARIO/</c> atomically and exclusively: everything goes to a staging folder unique to the run, which is
/// then exchanged with the old report in one step (<see cref="FolderExchange"/>), so a reader never sees half a report
/// nor a moment without one; one run at a time holds the folder (<see cref="ReportFolderLock"/>), and staging folders
/// left by killed runs are swept.
/// </summary>
public static class ReportFolderWriter
{
    /// <summary>The file every report folder carries, so a folder is replaced only when it holds an earlier report.</summary>
    public const string MarkerFileName = ".resilience-lab-report";

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <exception cref="ArgumentException">The scenario's name is not a <see cref="ReportNames"/> slug.</exception>
    /// <exception cref="IOException">The folder cannot be written, or <c>OUT/SCENARIO</c> holds something that is not a report.</exception>
    public static string Write(string outDirectory, RunReport report, IEnumerable<(string FileName, string Content)>? extraFiles = null)
    {
        ArgumentNullException.ThrowIfNull(report);
        ReportNames.Require(report.Scenario, nameof(report));
        Directory.CreateDirectory(outDirectory);
        string? problem = null;
        using var held = ReportFolderLock.IsHeld(outDirectory, report.Scenario) ? null
            : ReportFolderLock.TryAcquire(outDirectory, report.Scenario, out problem) ?? throw new IOException(problem);
        SweepDebris(outDirectory, report.Scenario);
        var target = Path.Combine(outDirectory, report.Scenario);
        var staging = Path.Combine(outDirectory, $".{report.Scenario}.{Environment.ProcessId}.{Guid.NewGuid():N}.staging");
        Directory.CreateDirectory(staging);
        try
        {
            File.WriteAllText(Path.Combine(staging, MarkerFileName), "A report folder of resilience-lab; the next run of the same scenario replaces it.\n", Utf8);
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
                ReportNames.Require(fileName, nameof(extraFiles));
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

    /// <summary>
    /// Whether <paramref name="folder"/> holds a report this tool wrote (its marker file, or a report.json with a
    /// <c>schema_version</c> from before the marker): the only kind of folder a new report may replace.
    /// </summary>
    public static bool IsReportFolder(string folder)
    {
        if (File.Exists(Path.Combine(folder, MarkerFileName)))
        {
            return true;
        }

        var json = Path.Combine(folder, "report.json");
        try
        {
            using var stream = File.OpenRead(json);
            using var document = System.Text.Json.JsonDocument.Parse(stream);
            return document.RootElement.ValueKind == System.Text.Json.JsonValueKind.Object
                && document.RootElement.TryGetProperty("schema_version", out var version)
                && version.ValueKind == System.Text.Json.JsonValueKind.Number;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or System.Text.Json.JsonException)
        {
            return false;
        }
    }

    /// <summary>Why <c>OUT/NAME</c> cannot take a report (it exists and is no earlier report, or is a file), or null when it can.</summary>
    public static string? ProblemWithTarget(string outDirectory, string name)
    {
        var target = Path.Combine(outDirectory, name);
        if (File.Exists(target))
        {
            return $"{target} is a file, not a report folder; it is left alone";
        }

        return Directory.Exists(target) && !IsReportFolder(target)
            ? $"{target} exists and holds no report of resilience-lab (no {MarkerFileName} or report.json); it is left alone, choose another --out"
            : null;
    }

    private static void Replace(string staging, string target)
    {
        if (Directory.Exists(target) || File.Exists(target))
        {
            if (ProblemWithTarget(Path.GetDirectoryName(target)!, Path.GetFileName(target)) is { } problem)
            {
                throw new IOException(problem);
            }

            if (FolderExchange.TryExchange(staging, target))
            {
                // The staging path now holds the previous report.
                TryDelete(staging);
                return;
            }

            // No atomic exchange here: two renames, with a moment in which the old report is at its .old path.
            var old = Path.Combine(Path.GetDirectoryName(target)!, $".{Path.GetFileName(target)}.{Environment.ProcessId}.{Guid.NewGuid():N}.old");
            Directory.Move(target, old);
            Directory.Move(staging, target);
            TryDelete(old);
        }
        else
        {
            Directory.Move(staging, target);
        }
    }

    /// <summary>
    /// Removes what killed runs left for <paramref name="name"/>: their staging folders and replaced reports (and the
    /// <c>.tmp</c>/<c>.old.N</c> folders of earlier versions). Called with the folder's lock held, so no live run owns them;
    /// only empty folders and report folders are removed.
    /// </summary>
    public static void SweepDebris(string outDirectory, string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (!Directory.Exists(outDirectory))
        {
            return;
        }

        var candidates = Directory.EnumerateDirectories(outDirectory, $".{name}.*")
            .Where(d => Path.GetFileName(d) is var f && (f.EndsWith(".staging", StringComparison.Ordinal) || f.EndsWith(".old", StringComparison.Ordinal) || f.EndsWith(".tmp", StringComparison.Ordinal)))
            .Concat(Directory.EnumerateDirectories(outDirectory, $"{name}.old.*"));
        foreach (var debris in candidates.ToList())
        {
            if (!Directory.EnumerateFileSystemEntries(debris).Any() || IsReportFolder(debris))
            {
                TryDelete(debris);
            }
        }
    }

    private static void TryDelete(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Leftovers of a replaced report are harmless; the next run of the scenario sweeps them.
        }
    }
}
