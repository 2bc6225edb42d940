using System.Text.Json.Nodes;

namespace ResilienceLab.Tests.Shared;

/// <summary>
/// How a scenario's mechanism is taken away (scenarios/weakenings/NAME.json): config values to set and fields to remove,
/// addressed as <c>services[payment].circuit_breaker.failure_threshold</c> (an array element by its <c>name</c>), and the
/// checks that must fail when it is. A gate that cannot fail proves nothing; these prove each scenario's can.
/// </summary>
internal sealed record Weakening(string Scenario, string Mechanism, string Description, IReadOnlyList<(string Path, JsonNode? Value)> Set, IReadOnlyList<string> Remove, IReadOnlyList<string> MustFail)
{
    public static IReadOnlyList<Weakening> All(string scenariosDirectory) =>
        [.. Directory.GetFiles(Path.Combine(scenariosDirectory, "weakenings"), "*.json").Order(StringComparer.Ordinal).Select(Load)];

    public static Weakening Load(string path)
    {
        var json = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        return new Weakening(
            json["scenario"]!.GetValue<string>(),
            json["mechanism"]!.GetValue<string>(),
            json["weakening"]!.GetValue<string>(),
            [.. json["set"]!.AsObject().Select(p => (p.Key, p.Value?.DeepClone()))],
            [.. json["remove"]!.AsArray().Select(p => p!.GetValue<string>())],
            [.. json["must_fail"]!.AsArray().Select(p => p!.GetValue<string>())]);
    }

    /// <summary>A copy of <paramref name="config"/> with the mechanism taken away.</summary>
    public JsonNode Apply(JsonNode config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var weakened = config.DeepClone();
        foreach (var (path, value) in Set)
        {
            var (parent, last) = Walk(weakened, path);
            parent[last] = value?.DeepClone();
        }

        foreach (var path in Remove)
        {
            var (parent, last) = Walk(weakened, path);
            if (!parent.Remove(last))
            {
                throw new InvalidOperationException($"{Scenario}: nothing to remove at {path}");
            }
        }

        return weakened;
    }

    private (JsonObject Parent, string Last) Walk(JsonNode root, string path)
    {
        var segments = path.Split('.');
        var node = root;
        foreach (var segment in segments[..^1])
        {
            node = Step(node, segment) ?? throw new InvalidOperationException($"{Scenario}: no {segment} in {path}");
        }

        return (node.AsObject(), segments[^1]);
    }

    private static JsonNode? Step(JsonNode node, string segment)
    {
        var open = segment.IndexOf('[', StringComparison.Ordinal);
        if (open < 0)
        {
            return node[segment];
        }

        var key = segment[(open + 1)..^1];
        return node[segment[..open]]?.AsArray().FirstOrDefault(e => e?["name"]?.GetValue<string>() == key);
    }
}
