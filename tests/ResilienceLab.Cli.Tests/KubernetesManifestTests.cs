using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

namespace ResilienceLab.Cli.Tests;

/// <summary>
/// k8s-manifest's objects checked against Kubernetes' own JSON schemas (v1.34.0, made strict, see KubernetesSchemas/README.md),
/// and the agents' Job gives each pod its segment from the completion index.
/// </summary>
public sealed class KubernetesManifestTests : IDisposable
{
    private static readonly Dictionary<string, string> SchemaFiles = new(StringComparer.Ordinal)
    {
        ["Job"] = "job-batch-v1.json",
        ["Deployment"] = "deployment-apps-v1.json",
        ["Service"] = "service-v1.json",
    };

    private static readonly Lazy<Dictionary<string, JsonSchema>> Schemas = new(() => SchemaFiles.ToDictionary(s => s.Key, s => Strict(s.Value), StringComparer.Ordinal));

    private readonly string _out = Directory.CreateTempSubdirectory("resiliencelab-k8s-").FullName;

    public void Dispose() => Directory.Delete(_out, recursive: true);

    [Fact]
    public async Task KubernetesManifest_FourAgents_JobsDeploymentAndServiceMatchTheKubernetesSchemas()
    {
        var items = await ManifestAsync("--agents", "4", "--quick");

        var checkedKinds = new List<string>();
        foreach (var item in items)
        {
            var kind = item["kind"]!.GetValue<string>();
            if (Schemas.Value.TryGetValue(kind, out var schema))
            {
                var problems = Problems(schema, item);
                Assert.True(problems.Count == 0, $"{kind} {item["metadata"]!["name"]}: {string.Join("; ", problems)}");
                checkedKinds.Add(kind);
            }
        }

        Assert.Equal(["Deployment", "Job", "Job", "Service"], checkedKinds.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task KubernetesManifest_FourAgents_IndexedJobRunsSegmentIndexPlusOneOfFour()
    {
        var items = await ManifestAsync("--agents", "4", "--run-id", "k8s-test");

        var agents = items.Single(i => i["metadata"]!["name"]!.GetValue<string>() == "rl-breaker-storm-agents")!["spec"]!;
        Assert.Equal("Indexed", agents["completionMode"]!.GetValue<string>());
        Assert.Equal(4, agents["completions"]!.GetValue<int>());
        Assert.Equal(4, agents["parallelism"]!.GetValue<int>());
        var script = agents["template"]!["spec"]!["containers"]![0]!["args"]![0]!.GetValue<string>();
        Assert.Contains("I=$((JOB_COMPLETION_INDEX + 1))", script, StringComparison.Ordinal);
        Assert.Contains("--segment \"$I/4\" --run-id 'k8s-test' --dependencies http://rl-breaker-storm-dependencies:9000/", script, StringComparison.Ordinal);
        var service = items.Single(i => i["kind"]!.GetValue<string>() == "Service")!["spec"]!["ports"]!.AsArray();
        Assert.Equal(5, service.Count); // the API and one port per configured service
    }

    [Fact]
    public void StrictSchema_MisspelledJobField_IsRefused()
    {
        var job = JsonNode.Parse("""{ "apiVersion": "batch/v1", "kind": "Job", "metadata": { "name": "x" }, "spec": { "completionMod": "Indexed", "template": { "spec": { "containers": [ { "name": "a" } ] } } } }""")!;

        Assert.Contains(Problems(Schemas.Value["Job"], job), p => p.Contains("completionMod", StringComparison.Ordinal));
    }

    [Fact]
    public async Task KubernetesManifest_ZeroAgents_ExitsTwo()
    {
        var run = await CliRun.InvokeAsync("k8s-manifest", "--scenario", "breaker-storm", "--agents", "0", "--config", RepositoryPaths.Config, "--scenarios", RepositoryPaths.Scenarios, "--out", Path.Combine(_out, "k8s.yaml"));

        Assert.Equal(ExitCodes.InvalidInput, run.ExitCode);
        Assert.Contains("--agents", run.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_out, "k8s.yaml")));
    }

    private async Task<List<JsonNode>> ManifestAsync(params string[] args)
    {
        var file = Path.Combine(_out, "k8s.yaml");
        var run = await CliRun.InvokeAsync(["k8s-manifest", "--scenario", "breaker-storm", "--config", RepositoryPaths.Config, "--scenarios", RepositoryPaths.Scenarios, "--out", file, .. args]);
        Assert.True(run.ExitCode == ExitCodes.Contained, run.Output + run.Error);
        var list = JsonNode.Parse(await File.ReadAllTextAsync(file))!;
        Assert.Equal("List", list["kind"]!.GetValue<string>());
        return [.. list["items"]!.AsArray().Select(i => i!)];
    }

    private static List<string> Problems(JsonSchema schema, JsonNode instance)
    {
        using var document = JsonDocument.Parse(instance.ToJsonString());
        var results = schema.Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        // The details hold the failing branches of a passing oneOf too (int-or-string fields): they count only when the whole fails.
        return results.IsValid ? [] : [.. (results.Details ?? []).Where(d => d.Errors is not null).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}"))];
    }

    /// <summary>The upstream schema without its <c>$schema</c> and <c>x-kubernetes-*</c> annotations, closed to fields it does not list (as kubeconform -strict).</summary>
    private static JsonSchema Strict(string file)
    {
        var root = JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "KubernetesSchemas", file)))!.AsObject();
        root.Remove("$schema");
        Close(root);
        return JsonSchema.FromText(root.ToJsonString(), new BuildOptions { SchemaRegistry = new SchemaRegistry() });

        static void Close(JsonNode? node)
        {
            switch (node)
            {
                case JsonObject obj:
                    // Kubernetes' own annotations (list and patch strategies) validate nothing; JsonSchema.Net refuses unknown keywords.
                    foreach (var annotation in obj.Select(p => p.Key).Where(k => k.StartsWith("x-kubernetes-", StringComparison.Ordinal)).ToList())
                    {
                        obj.Remove(annotation);
                    }

                    if (obj["properties"] is JsonObject && !obj.ContainsKey("additionalProperties"))
                    {
                        obj["additionalProperties"] = false;
                    }

                    foreach (var (_, child) in obj.ToList())
                    {
                        Close(child);
                    }

                    break;
                case JsonArray array:
                    foreach (var child in array)
                    {
                        Close(child);
                    }

                    break;
            }
        }
    }
}
