using System.Text.Json;
using Json.Schema;
using ResilienceLab.Harness.Input;

namespace ResilienceLab.Harness.Scenarios;

/// <summary>
/// The JSON schema of scenario files (<c>scenarios/schema/scenario.schema.json</c>, embedded in this assembly so it is found
/// wherever a scenario file lives) and the problems it finds in a file, each at the field path the readers use
/// (<c>faults[2].sigma</c>), worded like the readers' own problems.
/// </summary>
public sealed class ScenarioSchema
{
    /// <summary>The file's path in the repository, which scenario files name in <c>$schema</c>.</summary>
    public const string RepositoryPath = "scenarios/schema/scenario.schema.json";

    private const string ResourceName = "ResilienceLab.Harness.scenario.schema.json";

    private static readonly Lazy<ScenarioSchema> Embedded = new(() => new ScenarioSchema(ReadEmbedded()));

    private readonly JsonSchema _schema;
    private readonly JsonDocument _document;

    public ScenarioSchema(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        Text = text;
        _document = JsonDocument.Parse(text);
        _schema = JsonSchema.FromText(text, new BuildOptions { SchemaRegistry = new SchemaRegistry() });
    }

    /// <summary>The schema this build of the harness was made with.</summary>
    public static ScenarioSchema Default => Embedded.Value;

    public string Text { get; }

    /// <summary>The schema problems of a scenario file; a missing file or malformed JSON throws <see cref="InvalidInputException"/>.</summary>
    public IReadOnlyList<InputProblem> Check(string file)
    {
        using var document = JsonInputFile.Open(file);
        return Check(file, document.RootElement);
    }

    /// <summary>The schema problems of a scenario's JSON, at most one line per field path (messages at one path are joined).</summary>
    public IReadOnlyList<InputProblem> Check(string file, JsonElement root)
    {
        if (Reporting.JsonNumbers.FirstOutOfRange(root) is { } pointer)
        {
            return [new InputProblem(file, FieldPaths.FromPointer(pointer, root), $"{Load.InputText.Excerpt(FieldPaths.Resolve(pointer, root)!.Value.GetRawText())} is out of the range of numbers this tool reads")];
        }

        var results = _schema.Evaluate(root, new EvaluationOptions { OutputFormat = OutputFormat.Hierarchical });
        var messages = new List<(string Path, string Message)>();
        Collect(results, root, messages);
        return [.. messages
            .GroupBy(m => m.Path, StringComparer.Ordinal)
            .Select(g => new InputProblem(file, g.Key, string.Join("; ", g.Select(m => m.Message).Distinct(StringComparer.Ordinal))))];
    }

    /// <summary>Walks the failing branches only: a failed <c>if</c> or a failing branch of a passing <c>anyOf</c> is no problem.</summary>
    private void Collect(EvaluationResults node, JsonElement root, List<(string Path, string Message)> messages)
    {
        if (node.IsValid || node.EvaluationPath.ToString().EndsWith("/if", StringComparison.Ordinal))
        {
            return;
        }

        foreach (var (keyword, message) in node.Errors ?? new Dictionary<string, string>())
        {
            var error = new SchemaError(node.InstanceLocation.ToString(), node.EvaluationPath.ToString(), node.SchemaLocation.Fragment, keyword, message);
            messages.AddRange(SchemaErrorMessages.Describe(error, root, _document.RootElement));
        }

        foreach (var child in node.Details ?? [])
        {
            Collect(child, root, messages);
        }
    }

    private static string ReadEmbedded()
    {
        using var stream = typeof(ScenarioSchema).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"{ResourceName} is not embedded in {typeof(ScenarioSchema).Assembly.GetName().Name}");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
