using System.Xml.Linq;

namespace ResilienceLab.Cli.Tests;

/// <summary>gate --suite with the real runner: a suite of breaker-storm alone, quick.</summary>
[Collection(EndToEndCollection.Name)]
public sealed class GateEndToEndTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("resiliencelab-gate-e2e-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task Gate_BreakerStormSuiteQuick_PassesAndWritesSummaryJUnitAndReport()
    {
        var scenarios = Path.Combine(_root, "scenarios");
        Directory.CreateDirectory(Path.Combine(scenarios, "suites"));
        File.Copy(Path.Combine(RepositoryPaths.Scenarios, "breaker-storm.json"), Path.Combine(scenarios, "breaker-storm.json"));
        await File.WriteAllTextAsync(Path.Combine(scenarios, "suites", "smoke.json"), """{ "scenarios": ["breaker-storm"] }""");
        var output = Path.Combine(_root, "out");

        var run = await CliRun.InvokeAsync("gate", "--suite", "smoke", "--quick", "--config", RepositoryPaths.Config, "--scenarios", scenarios, "--out", output);

        Assert.True(run.ExitCode == ExitCodes.Contained, run.Output + run.Error);
        foreach (var file in new[] { "summary.md", "summary.html", "junit.xml", "breaker-storm/report.html", "breaker-storm/report.json", "breaker-storm/breaker-states.png" })
        {
            Assert.True(File.Exists(Path.Combine(output, file)), file);
        }

        Assert.Single(XDocument.Load(Path.Combine(output, "junit.xml")).Root!.Elements("testsuite"));
    }
}
