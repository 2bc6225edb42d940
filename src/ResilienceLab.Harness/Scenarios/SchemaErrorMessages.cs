using System.Text.Json;
using ResilienceLab.Harness.Input;
using ResilienceLab.Load;

namespace ResilienceLab.Harness.Scenarios;

/// <summary>
/// Words a <see cref="SchemaError"/> the way the readers word their problems, at the reader's field path; a required
/// field is reported at its own path (<c>faults[0].target: is required</c>), not at its object's. Range keywords keep the
/// library's words (<c>0 should be at least 1</c>), which already name the value and the bound.
/// </summary>
internal static class SchemaErrorMessages
{
    private const string DurationExamples = "such as \"15s\", \"250ms\", \"1m30s\" or a number of seconds";

    public static IEnumerable<(string Path, string Message)> Describe(SchemaError error, JsonElement instanceRoot, JsonElement schemaRoot)
    {
        var path = FieldPaths.FromPointer(error.InstancePointer, instanceRoot);
        var value = FieldPaths.Resolve(error.InstancePointer, instanceRoot);
        var node = FieldPaths.Resolve(Uri.UnescapeDataString(error.SchemaFragment.TrimStart('#')), schemaRoot);
        if (error.Keyword == "required")
        {
            return Required(error, path, value, node);
        }

        var message = error.Keyword switch
        {
            "" => FalseSchema(error, value, instanceRoot),
            _ when Definition(error.SchemaFragment) is { } definition && ForDefinition(definition, error.Keyword, value) is { } worded => worded,
            "type" => Keyword(node, "type") is { } types ? $"expected {Types(types)}, found {Show(value)}" : null,
            "enum" => Keyword(node, "enum") is { } allowed ? $"{Quote(value)} is not one of: {string.Join(", ", allowed.EnumerateArray().Select(Text))}" : null,
            "const" => Keyword(node, "const") is { } expected ? $"expected {Text(expected)}" : null,
            "minItems" => Keyword(node, "minItems") is { } count ? $"needs at least {count.GetRawText()} item(s)" : null,
            _ => null,
        };
        return [(path, message ?? error.Message)];
    }

    private static IEnumerable<(string Path, string Message)> Required(SchemaError error, string path, JsonElement? value, JsonElement? node)
    {
        var names = Keyword(node, "required") is { ValueKind: JsonValueKind.Array } required
            ? required.EnumerateArray().Select(n => n.GetString()!).ToList()
            : NamesInMessage(error.Message);
        var missing = names.Where(n => value is not { ValueKind: JsonValueKind.Object } o || !o.TryGetProperty(n, out _)).ToList();
        return missing.Count == 0
            ? [(path, error.Message)]
            : missing.Select(n => (path.Length == 0 ? n : $"{path}.{n}", "is required"));
    }

    /// <summary>A <c>false</c> schema: an unknown field, a parameter of another kind, or a field this place does not take.</summary>
    private static string FalseSchema(SchemaError error, JsonElement? value, JsonElement instanceRoot)
    {
        if (error.EvaluationPath.EndsWith("/additionalProperties", StringComparison.Ordinal))
        {
            return "unknown field";
        }

        if (error.EvaluationPath.Contains("/then/properties/", StringComparison.Ordinal))
        {
            var parent = error.InstancePointer[..Math.Max(0, error.InstancePointer.LastIndexOf('/'))];
            var kind = FieldPaths.Resolve(parent, instanceRoot) is { ValueKind: JsonValueKind.Object } o && o.TryGetProperty("kind", out var k) ? Text(k) : "this kind";
            return error.SchemaFragment.Contains("loadSimulation", StringComparison.Ordinal) ? $"is not a field of a {kind} segment" : $"is not a parameter of {kind}";
        }

        return error.SchemaFragment.EndsWith("catalogueFault/properties/start", StringComparison.Ordinal)
            ? "a catalogue fault has no start: the game day starts it"
            : $"is not allowed here (found {Show(value)})";
    }

    private static string? ForDefinition(string definition, string keyword, JsonElement? value) => (definition, keyword) switch
    {
        ("nonEmptyString", _) => $"expected a non-empty string, found {Show(value)}",
        ("slug", "type") => $"expected a string, found {Show(value)}",
        ("slug", _) => $"{Quote(value)} {Reporting.Writers.ReportNames.Rule}",
        ("duration", _) => $"expected a duration {DurationExamples}, found {Show(value)}",
        ("positiveDuration", _) => $"expected a duration longer than zero {DurationExamples}, found {Show(value)}",
        ("metric", "type") => $"expected a non-empty string, found {Show(value)}",
        ("metric", _) => $"{Quote(value)} is not a metric: it starts with breaker., summary., queue., messages., control. or a window (run, pre_fault, fault, post_fault)",
        ("liveMetric", "type") => $"expected a non-empty string, found {Show(value)}",
        ("liveMetric", _) => $"{Quote(value)} is not a live metric: error_rate, latency_p99_ms, requests_per_second, dropped, in_flight, dependency.SERVICE.(error_rate|errors|attempts_per_call) or breaker.SERVICE.state",
        _ => null,
    };

    /// <summary>The name of the <c>$defs</c> entry a fragment points at (<c>#/$defs/duration</c>), if it points at one.</summary>
    private static string? Definition(string fragment)
    {
        var segments = FieldPaths.Segments(Uri.UnescapeDataString(fragment.TrimStart('#')));
        return segments is ["$defs", var name] ? name : null;
    }

    private static JsonElement? Keyword(JsonElement? node, string keyword) =>
        node is { ValueKind: JsonValueKind.Object } o && o.TryGetProperty(keyword, out var value) ? value : null;

    private static string Types(JsonElement types) => types.ValueKind == JsonValueKind.Array
        ? string.Join(" or ", types.EnumerateArray().Select(t => Type(t.GetString())))
        : Type(types.GetString());

    private static string Type(string? type) => type switch
    {
        "integer" => "a whole number",
        "number" => "a number",
        "string" => "a string",
        "object" => "an object",
        "array" => "an array",
        "boolean" => "true or false",
        _ => type ?? "a value",
    };

    private static List<string> NamesInMessage(string message)
    {
        var open = message.IndexOf('[', StringComparison.Ordinal);
        var close = message.LastIndexOf(']');
        if (open < 0 || close <= open)
        {
            return [];
        }

        try
        {
            return JsonSerializer.Deserialize<List<string>>(message[open..(close + 1)]) ?? [];
        }
        catch (JsonException)
        {
            return [];
        }
    }

    private static string Show(JsonElement? value) => value is { } v ? JsonSection.Describe(v) : "nothing";

    private static string Quote(JsonElement? value) => value is { ValueKind: JsonValueKind.String } s ? InputText.Quote(s.GetString()) : Show(value);

    private static string Text(JsonElement value) => value.ValueKind == JsonValueKind.String
        ? value.GetString()!
        : value.GetRawText();
}
