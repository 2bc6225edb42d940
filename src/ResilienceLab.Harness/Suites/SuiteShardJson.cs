using System.Text.Json;
using ResilienceLab.Reporting.Writers;

namespace ResilienceLab.Harness.Suites;

/// <summary>gate-shard.json as report.json is written: snake_case.</summary>
public static class SuiteShardJson
{
    public static string Serialize(SuiteShard shard) => JsonSerializer.Serialize(shard, ReportJson.Options);

    /// <exception cref="JsonException">Not a gate shard.</exception>
    public static SuiteShard Deserialize(string json) =>
        JsonSerializer.Deserialize<SuiteShard>(json, ReportJson.Options) ?? throw new JsonException("gate-shard.json is empty");
}
