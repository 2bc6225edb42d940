using System.Text.Json.Nodes;

namespace ResilienceLab;

/// <summary>Hypothesis checks as a scenario file's <c>hypothesis</c> writes them: a metric (README: Metrics), an operator, a threshold.</summary>
public static class Check
{
    /// <summary>A check that <paramref name="metric"/> <paramref name="op"/> <paramref name="threshold"/> (<c>&lt;</c>, <c>&lt;=</c>, <c>&gt;</c>, <c>&gt;=</c>, <c>==</c>).</summary>
    public static ScenarioPart That(string name, string metric, string op, double threshold) =>
        new(new JsonObject { ["name"] = name, ["metric"] = metric, ["op"] = op, ["threshold"] = threshold });
}
