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
    public async Task Run_BreakerEffectivelyDisabled_IsNotContainedAndExitsOne()
    {
        var config = JsonNode.Parse(await File.ReadAllTextAsync(RepositoryPaths.Config))!;
        foreach (var service in config["services"]!.AsArray())
        {
            service!["circuit_breaker"]!["failure_threshold"] = 1_000_000;
        }

        var weakened = Path.Combine(_out, "no-breaker.json");
        await File.WriteAllTextAsync(weakened, config.ToJsonString());

        var run = await CliRun.InvokeAsync("--scenario", "breaker-storm", "--quick", "--config", weakened, "--scenarios", RepositoryPaths.Scenarios, "--out", _out);

        Assert.True(run.ExitCode == ExitCodes.NotContained, run.Output + run.Error);
        using var report = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(_out, "breaker-storm", "report.json")));
        Assert.Equal("not_contained", report.RootElement.GetProperty("verdict").GetString());
        Assert.Contains(report.RootElement.GetProperty("hypothesis").EnumerateArray(), h => h.GetProperty("metric").GetString() == "breaker.payment.time_to_open_s" && !h.GetProperty("passed").GetBoolean());
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
