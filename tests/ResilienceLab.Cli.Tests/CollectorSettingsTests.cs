using System.Text.Json;

namespace ResilienceLab.Cli.Tests;

/// <summary>
/// The command line runs under the collector its runtime configuration sets (server GC, gen2 collections that block and
/// may compact), and its report says so: run in a real child process, where that configuration applies.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class CollectorSettingsTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("resiliencelab-collector-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task Run_InItsOwnProcess_ReportsTheCollectorItsConfigurationSets()
    {
        using var run = ChildProcess.Start("run", "--scenario", "breaker-storm", "--quick", "--config", RepositoryPaths.Config, "--scenarios", RepositoryPaths.Scenarios, "--out", _root);

        var code = await run.ExitCodeAsync(TimeSpan.FromMinutes(2));

        Assert.True(code is ExitCodes.Contained or ExitCodes.NotContained or ExitCodes.Inconclusive, $"exit {code}: {run.Output}{run.Error}");
        using var report = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(_root, "breaker-storm", "report.json")));
        var machine = report.RootElement.GetProperty("run").GetProperty("machine").GetString();
        Assert.EndsWith(", server GC, blocking gen2)", machine, StringComparison.Ordinal);
    }
}
