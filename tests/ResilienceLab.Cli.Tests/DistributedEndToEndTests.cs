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
        // Four local breakers each see a quarter of the calls, so each opens later than one breaker would: an agent's
        // verdict may differ from the single process's; what must hold is that each reached one and the merge adds up.
        await AllExitWithAVerdictAsync(agents);

        var single = await CliRun.InvokeAsync("--scenario", "breaker-storm", "--quick", "--config", RepositoryPaths.Config, "--scenarios", RepositoryPaths.Scenarios, "--out", Path.Combine(_out, "single"));
        var merged = await CliRun.InvokeAsync(["merge", .. Enumerable.Range(1, 4).Select(i => Path.Combine(_out, $"agent-{i}")), "--out", Path.Combine(_out, "merged")]);

        Assert.True(merged.ExitCode is ExitCodes.Contained or ExitCodes.NotContained or ExitCodes.Inconclusive, merged.Output + merged.Error);
        using var one = Report("single");
        using var all = Report("merged");

        // Each agent's breaker is judged on its own agent's requests: the merged excess is the agents' excesses added.
        var excess = Enumerable.Range(1, 4).Sum(i => RequestsWhileOpen(Path.Combine(_out, $"agent-{i}")));
        Assert.Equal(excess, all.RootElement.GetProperty("dependencies").GetProperty("payment").GetProperty("requests_while_open").GetInt64());
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

    [Fact]
    public async Task Merge_TwoAgentsCallingOneDependencyHost_CountsTheRequestsTheHostSaw()
    {
        var records = Path.Combine(_out, "dependencies.json");
        using var host = ChildProcess.Start(
            "dependencies", "--scenario", "breaker-storm", "--quick", "--start-at", "+20", "--records", records,
            "--config", RepositoryPaths.Config, "--scenarios", RepositoryPaths.Scenarios);
        await host.WaitForOutputAsync("  notification: port", TimeSpan.FromSeconds(60));
        var url = System.Text.RegularExpressions.Regex.Match(host.Output, @"http://127\.0\.0\.1:\d+/").Value;
        var agents = Enumerable.Range(1, 2).Select(i => ChildProcess.Start(
            "run", "--scenario", "breaker-storm", "--quick", "--segment", $"{i}/2", "--run-id", "e2e-host", "--dependencies", url,
            "--config", RepositoryPaths.Config, "--scenarios", RepositoryPaths.Scenarios, "--out", Path.Combine(_out, $"agent-{i}"))).ToList();
        await AllExitWithAVerdictAsync(agents);

        var withoutHost = await CliRun.InvokeAsync("merge", Path.Combine(_out, "agent-1"), Path.Combine(_out, "agent-2"), "--out", Path.Combine(_out, "merged"));
        var merged = await CliRun.InvokeAsync("merge", Path.Combine(_out, "agent-1"), Path.Combine(_out, "agent-2"), "--dependencies", url, "--out", Path.Combine(_out, "merged"));
        host.Signal("TERM");
        Assert.Equal(ExitCodes.Contained, await host.ExitCodeAsync(TimeSpan.FromSeconds(30)));

        // The agents saw none of the host's arrivals: a merge without its records is refused.
        Assert.Equal(ExitCodes.InvalidInput, withoutHost.ExitCode);
        Assert.Contains("--dependencies", withoutHost.Error, StringComparison.Ordinal);
        Assert.True(merged.ExitCode is ExitCodes.Contained or ExitCodes.NotContained or ExitCodes.Inconclusive, merged.Output + merged.Error);
        using var saw = JsonDocument.Parse(await File.ReadAllTextAsync(records));
        using var report = Report("merged");
        var payment = saw.RootElement.GetProperty("services").GetProperty("payment");
        var received = payment.GetProperty("arrivals_us").GetArrayLength();
        Assert.True(received > 0);
        Assert.Equal(received, report.RootElement.GetProperty("dependencies").GetProperty("payment").GetProperty("requests_received").GetInt64());
        Assert.Equal(2, payment.GetProperty("arrivals_by_instance_us").EnumerateObject().Count());

        // The outage was the host's: one fault record, not one per agent, and it hit the agents' calls.
        var outage = Assert.Single(report.RootElement.GetProperty("faults").EnumerateArray(), f => f.GetProperty("target").GetString() == "payment");
        Assert.Equal(saw.RootElement.GetProperty("faults")[0].GetProperty("requests_affected").GetInt64(), outage.GetProperty("requests_affected").GetInt64());
        Assert.True(outage.GetProperty("requests_affected").GetInt64() > 0);
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
    public async Task Run_FleetOfThreeWithQuorumOfTwo_BreakerHoldsUnderBreakerStorm()
    {
        var (scenario, config) = await FleetAsync("fleet-storm", minInstancesToOpen: 2, sickInstance: null);

        var run = await CliRun.InvokeAsync("--scenario", scenario, "--quick", "--config", config, "--out", _out);

        Assert.True(run.ExitCode is ExitCodes.Contained or ExitCodes.NotContained, run.Output + run.Error);
        BreakerChecks.AssertPassed(Path.Combine(_out, "fleet-storm", "report.json"), run.Output);
        using var report = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(_out, "fleet-storm", "report.json")));
        var opened = report.RootElement.GetProperty("dependencies").GetProperty("payment").GetProperty("breaker_transitions").EnumerateArray()
            .Where(t => t.GetProperty("to").GetString() == "Open").Select(t => t.GetProperty("instance").GetString()).Distinct().Count();
        Assert.Equal(3, opened);
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

    /// <summary>Waits for every agent (each reaches a verdict on its share), then disposes them all.</summary>
    private static async Task AllExitWithAVerdictAsync(List<ChildProcess> agents)
    {
        try
        {
            foreach (var agent in agents)
            {
                Assert.True(await agent.ExitCodeAsync(Patience) is ExitCodes.Contained or ExitCodes.NotContained or ExitCodes.Inconclusive, agent.Output + agent.Error);
            }
        }
        finally
        {
            agents.ForEach(a => a.Dispose());
        }
    }

    private static long RequestsWhileOpen(string agentOut)
    {
        using var report = JsonDocument.Parse(File.ReadAllText(Path.Combine(agentOut, "breaker-storm", "report.json")));
        return report.RootElement.GetProperty("dependencies").GetProperty("payment").GetProperty("requests_while_open").GetInt64();
    }

    private JsonDocument Report(string folder) => JsonDocument.Parse(File.ReadAllText(Path.Combine(_out, folder, "breaker-storm", "report.json")));

    private static List<long> Started(JsonDocument report) =>
        [.. report.RootElement.GetProperty("timeline").EnumerateArray().Select(p => p.GetProperty("started").GetInt64())];
}
