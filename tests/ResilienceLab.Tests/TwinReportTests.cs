using System.Text.Json.Nodes;
using ResilienceLab.Cli.Tests;
using ResilienceLab.Harness.Configuration;
using ResilienceLab.Harness.Runs;
using ResilienceLab.Harness.Scenarios;

namespace ResilienceLab.Tests;

/// <summary>breaker-storm from its file and from its C# twin, both run with --quick: the same report folder, the same run.</summary>
public sealed class TwinReportTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("rl-twin-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task BreakerStormTwin_WritesTheReportItsFileWrites()
    {
        var config = ConfigReader.Read(RepositoryPaths.Config);
        var fromFile = ScenarioReader.Read(Path.Combine(RepositoryPaths.Scenarios, "breaker-storm.json"), config);
        var fileRun = await new ScenarioRunner(TimeProvider.System).RunAsync(
            new RunRequest { Scenario = fromFile, Config = config, OutDirectory = Path.Combine(_root, "file"), Quick = true },
            progress: null,
            CancellationToken.None);

        var twinRuns = await ResilienceRunner.RegisterScenarios(ResilienceScenarioTests.BreakerStormTwin())
            .WithQuick()
            .WithReportFolder(Path.Combine(_root, "code"))
            .RunAsync();
        var twinRun = twinRuns["breaker-storm"];

        Assert.Equal(Files(fileRun.ReportDirectory), Files(twinRun.ReportFolder));
        var file = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(fileRun.ReportDirectory, "report.json")))!;
        var code = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(twinRun.ReportFolder, "report.json")))!;
        foreach (var field in new[] { "scenario", "description", "run.seed", "run.quick", "run.config_hash", "run.warm_up_s", "summary.started", "faults" })
        {
            Assert.True(JsonNode.DeepEquals(At(file, field), At(code, field)), $"{field}: {At(file, field)} vs {At(code, field)}");
        }

        Assert.Equal(Checks(file), Checks(code));
        Assert.Equal(7, Checks(code).Count);
    }

    private static string[] Files(string folder) => [.. Directory.GetFiles(folder).Select(Path.GetFileName).Order(StringComparer.Ordinal)!];

    private static JsonNode? At(JsonNode report, string path) =>
        path.Split('.').Aggregate<string, JsonNode?>(report, (node, key) => node?[key])?.DeepClone() switch
        {
            JsonArray faults when path == "faults" => new JsonArray([.. faults.Select(f => (JsonNode?)new JsonObject { ["name"] = f!["name"]!.DeepClone(), ["kind"] = f["kind"]!.DeepClone(), ["target"] = f["target"]!.DeepClone() })]),
            var node => node,
        };

    private static List<string> Checks(JsonNode report) =>
        [.. report["hypothesis"]!.AsArray().Select(h => $"{h!["name"]}|{h["metric"]}|{h["op"] ?? h["expected"]}|{h["threshold"]}")];
}
