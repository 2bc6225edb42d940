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

    private static async Task<CliRun> InvokeAsync(Func<string, RunReport> shape, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var console = CliConsole.ForWriters(output, error);
        var root = new RootCommand { GateCommand.Create(console, () => new ShapedExecutor(shape)) };
        string[] all = ["gate", "--suite", "nightly", "--config", RepositoryPaths.Config, "--scenarios", RepositoryPaths.Scenarios, .. args];
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
