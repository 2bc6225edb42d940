using System.CommandLine;
using ResilienceLab.Cli.Commands;
using ResilienceLab.Harness.Runs;
using ResilienceLab.Harness.Suites;
using ResilienceLab.Reporting.Model;
using ResilienceLab.Reporting.Writers;
using ResilienceLab.Tests.Shared;

namespace ResilienceLab.Cli.Tests;

/// <summary>gate's exit codes, with the scenario runs faked (no load), and its input errors.</summary>
public sealed class GateCommandTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("resiliencelab-gate-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task Gate_AllContained_ExitsZero()
    {
        var run = await InvokeAsync(name => TestReports.Create(name), "--out", Path.Combine(_root, "out"));

        Assert.True(run.ExitCode == ExitCodes.Contained, run.Output + run.Error);
        Assert.Contains("Gate passed", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Gate_OneNotContained_ExitsOne()
    {
        var run = await InvokeAsync(name => TestReports.Create(name, contained: false), "--out", Path.Combine(_root, "out"));

        Assert.True(run.ExitCode == ExitCodes.NotContained, run.Output + run.Error);
    }

    [Fact]
    public async Task Gate_RegressedAgainstBaseline_ExitsOne()
    {
        var baseline = Path.Combine(_root, "baseline");
        await InvokeAsync(name => TestReports.Create(name), "--out", baseline);

        var run = await InvokeAsync(name => TestReports.Create(name, latencyFactor: 2), "--out", Path.Combine(_root, "out"), "--baseline", baseline);

        Assert.True(run.ExitCode == ExitCodes.NotContained, run.Output + run.Error);
        Assert.Contains("regression", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Gate_RegressionWithinWideTolerance_ExitsZero()
    {
        var baseline = Path.Combine(_root, "baseline");
        await InvokeAsync(name => TestReports.Create(name), "--out", baseline);

        var run = await InvokeAsync(name => TestReports.Create(name, latencyFactor: 2), "--out", Path.Combine(_root, "out"), "--baseline", baseline, "--max-regression", "150");

        Assert.True(run.ExitCode == ExitCodes.Contained, run.Output + run.Error);
    }

    [Fact]
    public async Task Gate_SuiteListsUnknownScenario_ExitsTwoNamingFileAndField()
    {
        var suites = Path.Combine(_root, "scenarios", "suites");
        Directory.CreateDirectory(suites);
        File.Copy(Path.Combine(RepositoryPaths.Scenarios, "breaker-storm.json"), Path.Combine(_root, "scenarios", "breaker-storm.json"));
        var suite = Path.Combine(suites, "bad.json");
        await File.WriteAllTextAsync(suite, """{ "scenarios": ["breaker-storm", "retry-storm"] }""");

        var run = await CliRun.InvokeAsync("gate", "--suite", "bad", "--config", RepositoryPaths.Config, "--scenarios", Path.Combine(_root, "scenarios"), "--out", Path.Combine(_root, "out"));

        Assert.Equal(ExitCodes.InvalidInput, run.ExitCode);
        Assert.Contains(suite, run.Error, StringComparison.Ordinal);
        Assert.Contains("scenarios[1]", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Gate_BaselineWithoutReports_ExitsTwo()
    {
        var run = await InvokeAsync(name => TestReports.Create(name), "--out", Path.Combine(_root, "out"), "--baseline", _root);

        Assert.Equal(ExitCodes.InvalidInput, run.ExitCode);
        Assert.Contains("--baseline", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Gate_BaselineWithNullLatency_ExitsTwoBeforeAnyScenarioRuns()
    {
        var baseline = Path.Combine(_root, "baseline", "breaker-storm");
        Directory.CreateDirectory(baseline);
        var json = System.Text.Json.Nodes.JsonNode.Parse(ReportJson.Serialize(TestReports.Create()))!;
        json["summary"]!["latency"] = null;
        await File.WriteAllTextAsync(Path.Combine(baseline, "report.json"), json.ToJsonString());
        var ran = 0;

        var run = await InvokeAsync(name => { Interlocked.Increment(ref ran); return TestReports.Create(name); }, "--out", Path.Combine(_root, "out"), "--baseline", Path.GetDirectoryName(baseline)!);

        Assert.Equal(ExitCodes.InvalidInput, run.ExitCode);
        Assert.Contains("summary.latency", run.Error, StringComparison.Ordinal);
        Assert.Equal(0, ran);
        Assert.False(Directory.Exists(Path.Combine(_root, "out")));
    }

    [Fact]
    public async Task Gate_ScenarioReportCouldNotBeWritten_PrintsTheGateVerdictAndExitsThree()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var console = CliConsole.ForWriters(output, error);
        var root = new RootCommand { GateCommand.Create(console, () => new FailingWriteExecutor()) };

        var code = await root.Parse(["gate", "--suite", "nightly", "--config", RepositoryPaths.Config, "--scenarios", RepositoryPaths.Scenarios, "--out", Path.Combine(_root, "out")])
            .InvokeAsync(new InvocationConfiguration { Output = output, Error = error });

        Assert.Equal(ExitCodes.Aborted, code);
        Assert.Contains("Gate passed", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("could not be written", error.ToString(), StringComparison.Ordinal);
        Assert.Contains("breaker-storm: disk full", error.ToString(), StringComparison.Ordinal);
    }

    private sealed class FailingWriteExecutor : IScenarioExecutor
    {
        public Task<RunOutcome> RunAsync(RunRequest request, CancellationToken cancellationToken) =>
            Task.FromResult(new RunOutcome(TestReports.Create(request.Scenario.Name), Path.Combine(request.OutDirectory, request.Scenario.Name)) { WriteError = "disk full" });
    }

    [Fact]
    public async Task GateShard_ThreeShardsMerged_RunEveryScenarioOnceAndJoinOneSummary()
    {
        var ran = new System.Collections.Concurrent.ConcurrentDictionary<string, int>();
        foreach (var i in Enumerable.Range(1, 3))
        {
            var shard = await InvokeAsync(name => { ran.AddOrUpdate(name, 1, (_, n) => n + 1); return TestReports.Create(name); }, "--shard", $"{i}/3", "--out", Path.Combine(_root, $"shard-{i}"));
            Assert.True(shard.ExitCode == ExitCodes.Contained, shard.Output + shard.Error);
        }

        var merged = await InvokeAsync(_ => throw new InvalidOperationException("merge runs nothing"), ["merge", .. Enumerable.Range(1, 3).Select(i => Path.Combine(_root, $"shard-{i}")), "--out", Path.Combine(_root, "merged")]);

        var suite = SuiteScenarios();
        Assert.True(merged.ExitCode == ExitCodes.Contained, merged.Output + merged.Error);
        Assert.Equal(suite.Order(StringComparer.Ordinal), ran.Keys.Order(StringComparer.Ordinal));
        Assert.All(ran.Values, count => Assert.Equal(1, count));
        var first = Directory.GetDirectories(Path.Combine(_root, "shard-1")).Select(d => Path.GetFileName(d)).Where(n => !n.StartsWith('.'));
        Assert.Equal(new[] { suite[0], suite[3], suite[6], suite[9] }.Order(StringComparer.Ordinal), first.Order(StringComparer.Ordinal));
        var summary = await File.ReadAllTextAsync(Path.Combine(_root, "merged", "summary.md"));
        var junit = await File.ReadAllTextAsync(Path.Combine(_root, "merged", "junit.xml"));
        Assert.All(suite, name =>
        {
            Assert.Contains(name, summary, StringComparison.Ordinal);
            Assert.Contains(name, junit, StringComparison.Ordinal);
            Assert.True(File.Exists(Path.Combine(_root, "merged", name, "report.json")), name);
        });
    }

    [Fact]
    public async Task GateMerge_OneShardNotContained_ExitsOneAsTheGateWould()
    {
        var suite = SuiteScenarios();
        await InvokeAsync(name => TestReports.Create(name), "--shard", "1/2", "--out", Path.Combine(_root, "shard-1"));
        await InvokeAsync(name => TestReports.Create(name, contained: name != suite[1]), "--shard", "2/2", "--out", Path.Combine(_root, "shard-2"));

        var merged = await InvokeAsync(_ => throw new InvalidOperationException("merge runs nothing"), "merge", Path.Combine(_root, "shard-1"), Path.Combine(_root, "shard-2"), "--out", Path.Combine(_root, "merged"));

        Assert.True(merged.ExitCode == ExitCodes.NotContained, merged.Output + merged.Error);
        Assert.Contains("Gate failed", merged.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GateMerge_ShardMissing_ExitsTwoNamingItAndWritesNothing()
    {
        await InvokeAsync(name => TestReports.Create(name), "--shard", "1/2", "--out", Path.Combine(_root, "shard-1"));

        var merged = await InvokeAsync(_ => throw new InvalidOperationException("merge runs nothing"), "merge", Path.Combine(_root, "shard-1"), "--out", Path.Combine(_root, "merged"));

        Assert.Equal(ExitCodes.InvalidInput, merged.ExitCode);
        Assert.Contains("2/2 missing", merged.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_root, "merged")));
    }

    [Fact]
    public async Task GateShard_NotAShard_ExitsTwo()
    {
        var run = await InvokeAsync(name => TestReports.Create(name), "--shard", "4/3", "--out", Path.Combine(_root, "out"));

        Assert.Equal(ExitCodes.InvalidInput, run.ExitCode);
        Assert.Contains("--shard", run.Error, StringComparison.Ordinal);
    }

    private static List<string> SuiteScenarios()
    {
        using var suite = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Scenarios, "suites", "nightly.json")));
        return [.. suite.RootElement.GetProperty("scenarios").EnumerateArray().Select(s => s.GetString()!)];
    }

    private static async Task<CliRun> InvokeAsync(Func<string, RunReport> shape, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var console = CliConsole.ForWriters(output, error);
        var root = new RootCommand { GateCommand.Create(console, () => new ShapedExecutor(shape)) };
        string[] all = args.Length > 0 && args[0] == "merge" ? ["gate", .. args] : ["gate", "--suite", "nightly", "--config", RepositoryPaths.Config, "--scenarios", RepositoryPaths.Scenarios, .. args];
        var code = await root.Parse(all).InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
        return new CliRun(code, output.ToString(), error.ToString());
    }

    private sealed class ShapedExecutor(Func<string, RunReport> shape) : IScenarioExecutor
    {
        public Task<RunOutcome> RunAsync(RunRequest request, CancellationToken cancellationToken)
        {
            var report = shape(request.Scenario.Name);
            return Task.FromResult(new RunOutcome(report, ReportFolderWriter.Write(request.OutDirectory, report)));
        }
    }
}
