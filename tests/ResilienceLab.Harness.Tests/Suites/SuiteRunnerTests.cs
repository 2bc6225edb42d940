using System.Xml.Linq;
using ResilienceLab.Harness.Configuration;
using ResilienceLab.Harness.Scenarios;
using ResilienceLab.Harness.Suites;
using ResilienceLab.Tests.Shared;

namespace ResilienceLab.Harness.Tests.Suites;

public sealed class SuiteRunnerTests : IDisposable
{
    private readonly TempFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public async Task RunAsync_AllContained_PassesAndWritesSummaryAndJUnit()
    {
        var executor = new FakeScenarioExecutor();

        var outcome = await new SuiteRunner(executor).RunAsync(CreateRequest("a", "b"));

        Assert.True(outcome.Passed);
        Assert.Equal(["a", "b"], executor.Ran);
        var junit = XDocument.Load(Path.Combine(outcome.OutDirectory, "junit.xml"));
        Assert.Equal(2, junit.Root!.Elements("testsuite").Count());
        var summary = File.ReadAllText(Path.Combine(outcome.OutDirectory, "summary.html"));
        Assert.Contains("href=\"a/report.html\"", summary, StringComparison.Ordinal);
        Assert.Contains("[report.html](b/report.html)", File.ReadAllText(Path.Combine(outcome.OutDirectory, "summary.md")), StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(outcome.OutDirectory, "a", "report.html")));
    }

    [Fact]
    public async Task RunAsync_OneNotContained_Fails()
    {
        var executor = new FakeScenarioExecutor { Shape = name => TestReports.Create(name, contained: name != "b") };

        var outcome = await new SuiteRunner(executor).RunAsync(CreateRequest("a", "b"));

        Assert.False(outcome.Passed);
        Assert.False(outcome.Aborted);
        Assert.Contains("payment breaker opens within 2 s", File.ReadAllText(Path.Combine(outcome.OutDirectory, "summary.md")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_LatencyRegressedAgainstBaseline_FailsAndWritesComparison()
    {
        var baseline = Path.Combine(_files.Root, "baseline");
        await new SuiteRunner(new FakeScenarioExecutor()).RunAsync(CreateRequest("a", "b") with { OutDirectory = baseline });
        var slower = new FakeScenarioExecutor { Shape = name => TestReports.Create(name, latencyFactor: name == "b" ? 2 : 1) };

        var outcome = await new SuiteRunner(slower).RunAsync(CreateRequest("a", "b") with { BaselineDirectory = baseline });

        Assert.True(outcome.AllContained);
        Assert.True(outcome.Regressed);
        Assert.False(outcome.Passed);
        Assert.All(outcome.Comparison!.Regressions, m => Assert.Equal("b", m.Scenario));
        Assert.True(File.Exists(Path.Combine(outcome.OutDirectory, "compare", "compare.html")));
    }

    [Fact]
    public async Task RunAsync_SameAsBaseline_Passes()
    {
        var baseline = Path.Combine(_files.Root, "baseline");
        await new SuiteRunner(new FakeScenarioExecutor()).RunAsync(CreateRequest("a") with { OutDirectory = baseline });

        var outcome = await new SuiteRunner(new FakeScenarioExecutor()).RunAsync(CreateRequest("a") with { BaselineDirectory = baseline });

        Assert.True(outcome.Passed);
    }

    [Fact]
    public async Task RunAsync_BaselineMissing_FailsBeforeRunningAnything()
    {
        var executor = new FakeScenarioExecutor();

        await Assert.ThrowsAsync<ResilienceLab.Reporting.Comparison.IncompatibleReportException>(
            () => new SuiteRunner(executor).RunAsync(CreateRequest("a") with { BaselineDirectory = Path.Combine(_files.Root, "none") }));

        Assert.Empty(executor.Ran);
    }

    private SuiteRequest CreateRequest(params string[] names)
    {
        var folder = SuiteFixtures.ScenarioFolder(_files, names);
        var suite = SuiteReader.Read(_files.Write("scenarios/suites/test.json", $$"""{ "scenarios": [{{string.Join(", ", names.Select(n => $"\"{n}\""))}}] }"""), new ScenarioCatalog(folder));
        return new SuiteRequest
        {
            Suite = suite,
            Config = ConfigReader.Read(SuiteFixtures.Config),
            ScenariosDirectory = folder,
            OutDirectory = Path.Combine(_files.Root, "out"),
            Quick = true,
        };
    }
}
