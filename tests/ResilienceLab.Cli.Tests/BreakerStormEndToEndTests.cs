using System.Text.Json;
using System.Text.Json.Nodes;

namespace ResilienceLab.Cli.Tests;

/// <summary>breaker-storm through the command line with --quick: the hardened stack is contained, a stack without a working breaker is not.</summary>
[Collection(EndToEndCollection.Name)]
public sealed class BreakerStormEndToEndTests : IDisposable
{
    private readonly string _out = Directory.CreateTempSubdirectory("resiliencelab-e2e-").FullName;

    public void Dispose() => Directory.Delete(_out, recursive: true);

    [Fact]
    public async Task Run_DefaultConfigQuick_IsContainedAndWritesTheReport()
    {
        var run = await CliRun.InvokeAsync("--scenario", "breaker-storm", "--quick", "--config", RepositoryPaths.Config, "--scenarios", RepositoryPaths.Scenarios, "--out", _out);

        Assert.True(run.ExitCode == ExitCodes.Contained, run.Output + run.Error);
        Assert.Contains("CONTAINED", run.Output, StringComparison.Ordinal);
        var folder = Path.Combine(_out, "breaker-storm");
        foreach (var file in new[] { "report.json", "report.md", "junit.xml", "latency.png", "throughput.png" })
        {
            Assert.True(File.Exists(Path.Combine(folder, file)), file);
        }

        using var report = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(folder, "report.json")));
        var root = report.RootElement;
        foreach (var key in new[] { "schema_version", "scenario", "verdict", "hypothesis", "summary", "dependencies", "messages", "faults", "timeline" })
        {
            Assert.True(root.TryGetProperty(key, out _), key);
        }

        Assert.Equal("contained", root.GetProperty("verdict").GetString());
        Assert.True(root.GetProperty("dependencies").GetProperty("payment").GetProperty("time_to_open_s").GetDouble() <= 2);
    }

    [Fact]
    public async Task Run_FarBeyondThisMachinesCapacity_IsInconclusiveNeverNotContained()
    {
        // 20,000 workflows a second with at most 300 in flight: the harness cannot keep up, and must say so.
        var scenario = await ScenarioAsync("overload", s =>
        {
            s["load"]![0]!["rate"] = 20_000;
            s["max_in_flight"] = 300;
        });

        var run = await CliRun.InvokeAsync("--scenario", scenario, "--quick", "--config", RepositoryPaths.Config, "--out", _out);

        Assert.True(run.ExitCode == ExitCodes.Inconclusive, run.Output + run.Error);
        using var report = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(_out, "overload", "report.json")));
        Assert.Equal("inconclusive", report.RootElement.GetProperty("verdict").GetString());
        Assert.Contains(report.RootElement.GetProperty("verdict_reasons").EnumerateArray(), r => r.GetString()!.StartsWith("the harness", StringComparison.Ordinal));
        Assert.False(report.RootElement.GetProperty("harness_health").GetProperty("healthy").GetBoolean());
    }

    [Fact]
    public async Task Run_RateZero_IsInconclusiveNotAPassOnNoTraffic()
    {
        var scenario = await ScenarioAsync("idle", s => s["load"]![0]!["rate"] = 0);

        var run = await CliRun.InvokeAsync("--scenario", scenario, "--quick", "--config", RepositoryPaths.Config, "--out", _out);

        Assert.True(run.ExitCode == ExitCodes.Inconclusive, run.Output + run.Error);
        using var report = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(_out, "idle", "report.json")));
        Assert.Equal("inconclusive", report.RootElement.GetProperty("verdict").GetString());
        Assert.DoesNotContain(report.RootElement.GetProperty("hypothesis").EnumerateArray(), h => h.GetProperty("outcome").GetString() == "passed" && h.GetProperty("metric").GetString()!.EndsWith("error_rate", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Run_ScenarioWithoutChecks_ExitsTwoNamingTheFieldAndWritesNothing()
    {
        var scenario = await ScenarioAsync("unjudged", s => s.Remove("hypothesis"));
        var output = Path.Combine(_out, "never-written");

        var run = await CliRun.InvokeAsync("--scenario", scenario, "--quick", "--config", RepositoryPaths.Config, "--out", output);

        Assert.Equal(ExitCodes.InvalidInput, run.ExitCode);
        Assert.Contains("hypothesis", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(output));
    }

    /// <summary>breaker-storm under another name, changed by <paramref name="change"/>, written beside the reports.</summary>
    private async Task<string> ScenarioAsync(string name, Action<JsonObject> change)
    {
        var scenario = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(RepositoryPaths.Scenarios, "breaker-storm.json")))!.AsObject();
        scenario["name"] = name;
        scenario.Remove("$schema");
        change(scenario);
        var path = Path.Combine(_out, name + ".json");
        await File.WriteAllTextAsync(path, scenario.ToJsonString());
        return path;
    }

    [Fact]
    public async Task Run_InterruptedMidRun_RollsBackFaultsWritesPartialReportAndExitsThree()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(7));

        var code = await CliApplication.RunAsync(
            ["--scenario", "breaker-storm", "--quick", "--config", RepositoryPaths.Config, "--scenarios", RepositoryPaths.Scenarios, "--out", _out],
            CliConsole.ForWriters(output, error),
            stop.Token);

        Assert.Equal(ExitCodes.Aborted, code);
        using var report = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(_out, "breaker-storm", "report.json")));
        Assert.Equal("aborted", report.RootElement.GetProperty("verdict").GetString());
        var fault = report.RootElement.GetProperty("faults")[0];
        Assert.True(fault.GetProperty("actual_end_s").ValueKind == JsonValueKind.Number, "the fault was switched off");
        Assert.True(fault.GetProperty("rolled_back_early").GetBoolean());
    }
}
