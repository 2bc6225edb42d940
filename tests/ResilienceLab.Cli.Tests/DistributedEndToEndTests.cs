using System.Text.Json;
using System.Text.Json.Nodes;
using HdrHistogram;
using ResilienceLab.Load;
using ResilienceLab.Tests.Shared;

namespace ResilienceLab.Cli.Tests;

/// <summary>
/// A run split across agent processes (--segment I/N, one --run-id, one --start-at) and merged equals one process running
/// the same schedule; a fleet of instances in one process shares its breaker as min_instances_to_open says; agents in
/// several processes share one breaker table on DynamoDB Local.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class DistributedEndToEndTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(3);
    private readonly string _out = Directory.CreateTempSubdirectory("resiliencelab-distributed-").FullName;

    public void Dispose() => Directory.Delete(_out, recursive: true);

    [Fact]
    public async Task Merge_FourAgentProcesses_StartExactlyTheSingleAgentScheduleAndAddTheirHistograms()
    {
        var startAt = DateTimeOffset.UtcNow.AddSeconds(12).ToString("O", System.Globalization.CultureInfo.InvariantCulture);
        var agents = Enumerable.Range(1, 4).Select(i => ChildProcess.Start(
            "run", "--scenario", "breaker-storm", "--quick", "--segment", $"{i}/4", "--run-id", "e2e-four", "--start-at", startAt,
            "--config", RepositoryPaths.Config, "--scenarios", RepositoryPaths.Scenarios, "--out", Path.Combine(_out, $"agent-{i}"))).ToList();
        try
        {
            foreach (var agent in agents)
            {
                Assert.True(await agent.ExitCodeAsync(Patience) == ExitCodes.Contained, agent.Output + agent.Error);
            }
        }
        finally
        {
            agents.ForEach(a => a.Dispose());
        }

        var single = await CliRun.InvokeAsync("--scenario", "breaker-storm", "--quick", "--config", RepositoryPaths.Config, "--scenarios", RepositoryPaths.Scenarios, "--out", Path.Combine(_out, "single"));
        var merged = await CliRun.InvokeAsync(["merge", .. Enumerable.Range(1, 4).Select(i => Path.Combine(_out, $"agent-{i}")), "--out", Path.Combine(_out, "merged")]);

        Assert.True(merged.ExitCode is ExitCodes.Contained or ExitCodes.Inconclusive, merged.Output + merged.Error);
        using var one = Report("single");
        using var all = Report("merged");
        Assert.Equal(one.RootElement.GetProperty("summary").GetProperty("started").GetInt64(), all.RootElement.GetProperty("summary").GetProperty("started").GetInt64());
        Assert.Equal(Started(one), Started(all));
        Assert.Equal("merged 4", all.RootElement.GetProperty("run").GetProperty("segment").GetString());

        // The merged percentiles are those of the agents' histograms added together, within HdrHistogram's precision.
        var added = new LongHistogram(1, 3_600_000_000, 3);
        foreach (var i in Enumerable.Range(1, 4))
        {
            using var shard = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(_out, $"agent-{i}", "breaker-storm", "shard.json")));
            HistogramCodec.Add(added, HistogramCodec.Decode(shard.RootElement.GetProperty("observations").GetProperty("load").GetProperty("latency").GetString()!));
        }

        var p99 = all.RootElement.GetProperty("summary").GetProperty("latency").GetProperty("p99_ms").GetDouble();
        Assert.Equal(added.GetValueAtPercentile(99) / 1000.0, p99, p99 * 0.001 + 0.001);
    }

    [Fact]
    public async Task Merge_SegmentMissing_ExitsTwoNamingIt()
    {
        var agent = await CliRun.InvokeAsync("run", "--scenario", "breaker-storm", "--quick", "--segment", "1/2", "--run-id", "e2e-missing", "--config", RepositoryPaths.Config, "--scenarios", RepositoryPaths.Scenarios, "--out", Path.Combine(_out, "only"));
        Assert.Equal(ExitCodes.Contained, agent.ExitCode);

        var merged = await CliRun.InvokeAsync("merge", Path.Combine(_out, "only"), "--out", Path.Combine(_out, "merged"));

        Assert.Equal(ExitCodes.InvalidInput, merged.ExitCode);
        Assert.Contains("2/2 missing", merged.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_out, "merged")));
    }

    [Theory]
    [InlineData(2, false)]
    [InlineData(1, true)]
    public async Task Run_FaultOnOneOfThreeInstances_OpensTheSharedBreakerForAllOnlyWhenOneInstanceIsAQuorum(int minInstancesToOpen, bool opensForAll)
    {
        var (scenario, config) = await FleetAsync("fleet-one-sick", minInstancesToOpen, sickInstance: 1);

        var run = await CliRun.InvokeAsync("--scenario", scenario, "--quick", "--config", config, "--out", _out);

        using var report = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(_out, "fleet-one-sick", "report.json")));
        var failed = report.RootElement.GetProperty("summary").GetProperty("failed_by_reason");
        var transitions = report.RootElement.GetProperty("dependencies").GetProperty("payment").GetProperty("breaker_transitions").EnumerateArray()
            .Where(t => t.GetProperty("to").GetString() == "Open").Select(t => t.GetProperty("instance").GetString()).Distinct().ToList();
        Assert.Equal(opensForAll, failed.TryGetProperty("payment:circuit_open", out _));
        Assert.Equal(opensForAll ? 3 : 0, transitions.Count);
        Assert.NotEqual(ExitCodes.InvalidInput, run.ExitCode);
    }

    [Fact]
    public async Task Run_FleetOfThreeWithQuorumOfTwo_IsContainedUnderBreakerStorm()
    {
        var (scenario, config) = await FleetAsync("fleet-storm", minInstancesToOpen: 2, sickInstance: null);

        var run = await CliRun.InvokeAsync("--scenario", scenario, "--quick", "--config", config, "--out", _out);

        Assert.True(run.ExitCode == ExitCodes.Contained, run.Output + run.Error);
    }

    /// <summary>breaker-storm with three instances and payment's breaker shared through the table; the fault on one instance or all.</summary>
    private async Task<(string Scenario, string Config)> FleetAsync(string name, int minInstancesToOpen, int? sickInstance)
    {
        var config = JsonNode.Parse(await File.ReadAllTextAsync(RepositoryPaths.Config))!;
        config["breaker_table"]!["min_instances_to_open"] = minInstancesToOpen;
        config["services"]!.AsArray().Single(s => s!["name"]!.GetValue<string>() == "payment")!["circuit_breaker"]!["shared_state"] = "table";
        var scenario = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(RepositoryPaths.Scenarios, "breaker-storm.json")))!.AsObject();
        scenario.Remove("$schema");
        scenario["name"] = name;
        scenario["instances"] = 3;
        if (sickInstance is { } sick)
        {
            scenario["faults"]![0]!["instances"] = new JsonArray(sick);
        }

        var scenarioPath = Path.Combine(_out, name + ".json");
        var configPath = Path.Combine(_out, name + "-config.json");
        await File.WriteAllTextAsync(scenarioPath, scenario.ToJsonString());
        await File.WriteAllTextAsync(configPath, config.ToJsonString());
        return (scenarioPath, configPath);
    }

    private JsonDocument Report(string folder) => JsonDocument.Parse(File.ReadAllText(Path.Combine(_out, folder, "breaker-storm", "report.json")));

    private static List<long> Started(JsonDocument report) =>
        [.. report.RootElement.GetProperty("timeline").EnumerateArray().Select(p => p.GetProperty("started").GetInt64())];
}
