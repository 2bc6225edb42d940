using System.Text.Json;
using System.Text.Json.Nodes;
using ResilienceLab.Tests.Shared;

namespace ResilienceLab.Cli.Tests;

/// <summary>
/// Every scenario of the library, with --quick: contained on the default config, and not contained (exit 1) when the
/// mechanism it stresses is weakened through the config alone (scenarios/weakenings/), with the very checks the weakening
/// names failing. A gate that cannot fail proves nothing; a gate that fails for another reason proves the wrong thing.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class ScenarioLibraryEndToEndTests : IDisposable
{
    private readonly string _out = Directory.CreateTempSubdirectory("resiliencelab-library-").FullName;

    public static TheoryData<string> Scenarios() =>
    [
        "retry-storm", "slow-dependency", "flapping-dependency", "queue-outage", "poison-message",
        "event-bus-outage", "breaker-table-outage", "load-spike", "slow-breaker-table", "gameday",
    ];

    public static TheoryData<string> Weakened() => [.. Weakening.All(RepositoryPaths.Scenarios).Select(w => w.Scenario)];

    public void Dispose() => Directory.Delete(_out, recursive: true);

    [Theory]
    [MemberData(nameof(Scenarios))]
    public async Task Run_DefaultConfig_IsContained(string scenario)
    {
        var run = await RunAsync(scenario, RepositoryPaths.Config);

        Assert.True(run.ExitCode == ExitCodes.Contained, run.Output + run.Error);
        Assert.Equal("contained", Verdict(scenario));
    }

    [Theory]
    [MemberData(nameof(Weakened))]
    public async Task Run_MechanismWeakenedInConfig_FailsOnTheChecksItNames(string scenario)
    {
        var weakening = Weakening.Load(Path.Combine(RepositoryPaths.Scenarios, "weakenings", scenario + ".json"));
        var config = weakening.Apply(JsonNode.Parse(await File.ReadAllTextAsync(RepositoryPaths.Config))!);
        var weakened = Path.Combine(_out, $"weak-{scenario}.json");
        await File.WriteAllTextAsync(weakened, config.ToJsonString());

        var run = await RunAsync(scenario, weakened);

        Assert.True(run.ExitCode == ExitCodes.NotContained, run.Output + run.Error);
        Assert.Equal("not_contained", Verdict(scenario));
        var failed = FailedChecks(scenario);
        Assert.All(weakening.MustFail, name => Assert.Contains(name, failed));
    }

    [Fact]
    public async Task Run_BacklogLeftAtTheEnd_ShowsTheWaitForQueuedWork()
    {
        // One slow shipping worker (400 ms a request, ~25/s) cannot keep up with the spike: work is still queued when
        // the load ends, and the console says so instead of going quiet.
        var config = JsonNode.Parse(await File.ReadAllTextAsync(RepositoryPaths.Config))!;
        var shipping = config["services"]!.AsArray().Single(s => s!["name"]!.GetValue<string>() == "shipping")!;
        shipping["worker_concurrency"] = 1;
        shipping["stub_latency_ms"] = 400;
        var slow = Path.Combine(_out, "slow-worker.json");
        await File.WriteAllTextAsync(slow, config.ToJsonString());

        var run = await RunAsync("load-spike", slow);

        Assert.Matches(@"load done; waiting for queued work: [0-9,]+ message\(s\) still queued", run.Output);
        Assert.True(run.ExitCode is ExitCodes.Contained or ExitCodes.NotContained, run.Output + run.Error);
    }

    [Fact]
    public void Weakenings_NameOnlyChecksTheirScenarioHas()
    {
        foreach (var weakening in Weakening.All(RepositoryPaths.Scenarios))
        {
            using var scenario = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Scenarios, weakening.Scenario + ".json")));
            var names = scenario.RootElement.GetProperty("hypothesis").EnumerateArray().Select(h => h.GetProperty("name").GetString()).ToHashSet();
            Assert.NotEmpty(weakening.MustFail);
            Assert.All(weakening.MustFail, name => Assert.Contains(name, names));
        }

        // Every scenario of the library that stages a failure has its weakening (a game day's faults are the facilitator's).
        Assert.Equal(
            Directory.GetFiles(RepositoryPaths.Scenarios, "*.json").Where(StagesAFailure).Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal),
            Weakening.All(RepositoryPaths.Scenarios).Select(w => w.Scenario).Order(StringComparer.Ordinal));
    }

    private static bool StagesAFailure(string file)
    {
        using var scenario = JsonDocument.Parse(File.ReadAllText(file));
        var root = scenario.RootElement;
        return root.TryGetProperty("stress_window", out _) || (root.TryGetProperty("faults", out var faults) && faults.GetArrayLength() > 0);
    }

    private Task<CliRun> RunAsync(string scenario, string config) =>
        CliRun.InvokeAsync("--scenario", scenario, "--quick", "--config", config, "--scenarios", RepositoryPaths.Scenarios, "--out", _out);

    private string Verdict(string scenario)
    {
        using var report = JsonDocument.Parse(File.ReadAllText(Path.Combine(_out, scenario, "report.json")));
        return report.RootElement.GetProperty("verdict").GetString()!;
    }

    private List<string> FailedChecks(string scenario)
    {
        using var report = JsonDocument.Parse(File.ReadAllText(Path.Combine(_out, scenario, "report.json")));
        return [.. report.RootElement.GetProperty("hypothesis").EnumerateArray().Where(h => h.GetProperty("outcome").GetString() == "failed").Select(h => h.GetProperty("name").GetString()!)];
    }
}
