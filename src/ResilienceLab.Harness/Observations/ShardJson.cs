using System.Text.Json;
using ResilienceLab.Reporting.Writers;

namespace ResilienceLab.Harness.Observations;

/// <summary>shard.json as report.json is written: snake_case, enums as words.</summary>
public static class ShardJson
{
    private static readonly JsonSerializerOptions Options = new(ReportJson.Options) { WriteIndented = false };

    public static string Serialize(RunShard shard) => JsonSerializer.Serialize(shard, Options);

    /// <exception cref="JsonException">Not a shard.</exception>
    public static RunShard Deserialize(string json) =>
        JsonSerializer.Deserialize<RunShard>(json, Options) ?? throw new JsonException("shard.json is empty");
}
