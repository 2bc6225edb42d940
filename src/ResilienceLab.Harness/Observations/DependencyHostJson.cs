using System.Text.Json;
using ResilienceLab.Reporting.Writers;

namespace ResilienceLab.Harness.Observations;

/// <summary>A dependency host's records (its <c>/records</c> answer and <c>dependencies.json</c>) as report.json is written: snake_case.</summary>
public static class DependencyHostJson
{
    public static string Serialize(DependencyHostRecords records) => JsonSerializer.Serialize(records, ReportJson.Options);

    /// <exception cref="JsonException">Not a dependency host's records.</exception>
    public static DependencyHostRecords Deserialize(string json) =>
        JsonSerializer.Deserialize<DependencyHostRecords>(json, ReportJson.Options) ?? throw new JsonException("the dependency host's records are empty");
}
