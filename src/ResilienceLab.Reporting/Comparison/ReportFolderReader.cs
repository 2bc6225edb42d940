using System.Text.Json;
using ResilienceLab.Reporting.Model;
using ResilienceLab.Reporting.Writers;

namespace ResilienceLab.Reporting.Comparison;

/// <summary>
/// Reads the reports of a folder: a scenario report folder (holding report.json) or a suite output folder (holding
/// one scenario folder each). Refuses report.json files that are missing, malformed or of another major schema_version.
/// </summary>
public static class ReportFolderReader
{
    public const string ReportFileName = "report.json";

    public static IReadOnlyList<RunReport> Read(string directory, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(directory);
        if (!Directory.Exists(directory))
        {
            throw new IncompatibleReportException($"{directory}: folder not found");
        }

        var own = Path.Combine(directory, ReportFileName);
        if (File.Exists(own))
        {
            return [ReadFile(own)];
        }

        var folders = Directory.GetDirectories(directory)
            .Where(d => !Path.GetFileName(d).StartsWith('.'))
            .Where(d => File.Exists(Path.Combine(d, ReportFileName)))
            .Order(StringComparer.Ordinal)
            .ToList();
        if (folders.Count == 0)
        {
            throw new IncompatibleReportException($"{directory}: no {ReportFileName} in the folder or its scenario folders");
        }

        var reports = new List<RunReport>(folders.Count);
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var folder in folders)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var report = ReadFile(Path.Combine(folder, ReportFileName));
            if (!seen.TryAdd(report.Scenario, folder))
            {
                throw new IncompatibleReportException($"{directory}: scenario {Load.InputText.Quote(report.Scenario)} is in both {seen[report.Scenario]} and {folder}; a folder holds each scenario once");
            }

            reports.Add(report);
        }

        return reports;
    }

    /// <summary>
    /// A first-version report in today's shape: its checks passed or failed (there was no "not observed"), and its
    /// verdict words are a subset of today's; the figures it lacks (windows, harness health) stay empty.
    /// </summary>
    private static string UpgradeFromVersion1(string json)
    {
        var root = System.Text.Json.Nodes.JsonNode.Parse(json)!.AsObject();
        if (root["hypothesis"] is System.Text.Json.Nodes.JsonArray checks)
        {
            foreach (var check in checks.OfType<System.Text.Json.Nodes.JsonObject>())
            {
                var passed = check["passed"] is { } p && p.GetValueKind() == JsonValueKind.True;
                check["outcome"] = passed ? "passed" : "failed";
            }
        }

        root["schema_version"] = RunReport.CurrentSchemaVersion;
        return root.ToJsonString();
    }

    /// <exception cref="IncompatibleReportException">The file is missing, unreadable, malformed, of another schema_version or not shaped like a report (the message names the file and the field).</exception>
    public static RunReport ReadFile(string path)
    {
        string json;
        try
        {
            json = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new IncompatibleReportException($"{path}: cannot be read ({ex.Message})", ex);
        }

        try
        {
            using (var document = JsonDocument.Parse(json))
            {
                var root = document.RootElement;
                if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("schema_version", out var version) || version.ValueKind != JsonValueKind.Number || !version.TryGetInt32(out var major))
                {
                    throw new IncompatibleReportException($"{path}: no schema_version; not a report this version can compare");
                }

                if (major == 1)
                {
                    json = UpgradeFromVersion1(json);
                }
                else if (major != RunReport.CurrentSchemaVersion)
                {
                    throw new IncompatibleReportException($"{path}: schema_version {major} is incompatible with this version's {RunReport.CurrentSchemaVersion}; compare reports written by the same major version");
                }

                // A first-version report is checked in today's shape, as it will be read.
                using var upgraded = major == 1 ? JsonDocument.Parse(json) : null;
                var problems = ReportSchema.Default.Check(upgraded?.RootElement ?? root);
                if (problems.Count > 0)
                {
                    var (field, message) = problems[0];
                    var more = problems.Count > 1 ? $" (and {problems.Count - 1} more problem{(problems.Count == 2 ? string.Empty : "s")})" : string.Empty;
                    throw new IncompatibleReportException($"{path}: {(field.Length == 0 ? string.Empty : field + ": ")}{message}; not the shape of a report.json{more}");
                }
            }

            return ReportJson.Deserialize(json);
        }
        catch (JsonException ex)
        {
            throw new IncompatibleReportException($"{path}: malformed report.json ({FirstLine(ex.Message)})", ex);
        }
    }

    private static string FirstLine(string message)
    {
        var cut = message.IndexOf(". ", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message.TrimEnd('.');
    }
}
