using System.Text.Json;
using Json.Schema;

namespace ResilienceLab.Reporting.Comparison;

/// <summary>
/// The shape of report.json that compare and gate read (<c>Model/report.schema.json</c>, embedded in this assembly): a
/// report that does not match it is refused with the file and the field, before anything reads it. Extending report.json
/// means extending the schema, and the writer's own output is tested against it.
/// </summary>
public sealed class ReportSchema
{
    private const string ResourceName = "ResilienceLab.Reporting.report.schema.json";

    private static readonly Lazy<ReportSchema> Embedded = new(() => new ReportSchema(ReadEmbedded()));

    private readonly JsonSchema _schema;

    public ReportSchema(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        Text = text;
        _schema = JsonSchema.FromText(text, new BuildOptions { SchemaRegistry = new SchemaRegistry() });
    }

    /// <summary>The schema this build was made with.</summary>
    public static ReportSchema Default => Embedded.Value;

    public string Text { get; }

    /// <summary>Where a report does not match the shape: each as a field path (<c>summary.latency</c>) and what is wrong; empty when it matches.</summary>
    public IReadOnlyList<(string Path, string Message)> Check(JsonElement report)
    {
        if (JsonNumbers.FirstOutOfRange(report) is { } pointer)
        {
            return [(FieldPath(pointer), "a number out of the range this tool reads")];
        }

        var results = _schema.Evaluate(report, new EvaluationOptions { OutputFormat = OutputFormat.Hierarchical });
        var problems = new List<(string Path, string Message)>();
        Collect(results, report, problems);
        return [.. problems.DistinctBy(p => p.Path, StringComparer.Ordinal)];
    }

    private static void Collect(EvaluationResults node, JsonElement root, List<(string Path, string Message)> problems)
    {
        if (node.IsValid)
        {
            return;
        }

        var children = node.Details?.Where(d => !d.IsValid).ToList() ?? [];
        if (children.Count > 0 && !node.EvaluationPath.ToString().EndsWith("/anyOf", StringComparison.Ordinal))
        {
            foreach (var child in children)
            {
                Collect(child, root, problems);
            }

            return;
        }

        // A leaf (or an anyOf, whose branches' own complaints say less than "not a number"): one problem at its place.
        var pointer = node.InstanceLocation.ToString();
        var value = Resolve(pointer, root);
        var keywords = node.Errors?.Keys.ToList() ?? [];
        var message = keywords.Contains("required") ? node.Errors!["required"]
            : value is { } v && (keywords.Contains("type") || node.EvaluationPath.ToString().EndsWith("/anyOf", StringComparison.Ordinal) || children.Count > 0) ? $"unexpected {Describe(v)}"
            : node.Errors?.Values.FirstOrDefault() ?? "does not match the report's shape";
        problems.Add((FieldPath(pointer), message));
    }

    /// <summary>A JSON pointer as a field path: <c>/hypothesis/0/observed</c> is <c>hypothesis[0].observed</c>.</summary>
    public static string FieldPath(string pointer)
    {
        ArgumentNullException.ThrowIfNull(pointer);
        var path = string.Empty;
        foreach (var raw in pointer.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            var segment = raw.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
            path = segment.All(char.IsAsciiDigit) ? $"{path}[{segment}]" : path.Length == 0 ? segment : $"{path}.{segment}";
        }

        return path;
    }

    private static JsonElement? Resolve(string pointer, JsonElement root)
    {
        JsonElement? current = root;
        foreach (var raw in pointer.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            var segment = raw.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
            current = current switch
            {
                { ValueKind: JsonValueKind.Object } o when o.TryGetProperty(segment, out var v) => v,
                { ValueKind: JsonValueKind.Array } a when int.TryParse(segment, out var i) && i >= 0 && i < a.GetArrayLength() => a[i],
                _ => null,
            };
        }

        return current;
    }

    private static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Null => "null",
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => $"the string {Load.InputText.Quote(value.GetString())}",
        JsonValueKind.Number => $"the number {Load.InputText.Excerpt(value.GetRawText())}",
        _ => value.GetRawText(),
    };

    private static string ReadEmbedded()
    {
        using var stream = typeof(ReportSchema).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"{ResourceName} is not embedded in {typeof(ReportSchema).Assembly.GetName().Name}");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
