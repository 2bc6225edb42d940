using System.Text.Json;
using System.Text.Json.Serialization;
using ResilienceLab.Reporting.Model;

namespace ResilienceLab.Reporting.Writers;

/// <summary>report.json: snake_case keys, indented, nulls kept so every reader sees every key.</summary>
public static class ReportJson
{
    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DictionaryKeyPolicy = null,
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false) },
    };

    public static string Serialize(RunReport report) => JsonSerializer.Serialize(report, Options);

    public static RunReport Deserialize(string json) =>
        JsonSerializer.Deserialize<RunReport>(json, Options) ?? throw new JsonException("report.json is empty");
}
