namespace ResilienceLab.Cli.Tests;

public sealed class CommandLineErrorTests : IDisposable
{
    private readonly string _scratch = Directory.CreateTempSubdirectory("resiliencelab-cli-").FullName;

    public void Dispose() => Directory.Delete(_scratch, recursive: true);

    [Fact]
    public async Task Run_UnknownOption_ExitsTwoWithOneLineCause()
    {
        var run = await CliRun.InvokeAsync("run", "--scenario", "breaker-storm", "--bogus");

        Assert.Equal(ExitCodes.InvalidInput, run.ExitCode);
        Assert.Contains("--bogus", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_UnknownScenario_ExitsTwoAndListsAvailable()
    {
        var run = await CliRun.InvokeAsync("--scenario", "no-such-thing", "--config", RepositoryPaths.Config, "--scenarios", RepositoryPaths.Scenarios);

        Assert.Equal(ExitCodes.InvalidInput, run.ExitCode);
        var line = Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("unknown scenario 'no-such-thing'", line, StringComparison.Ordinal);
        Assert.Contains("breaker-storm", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_MalformedConfig_ExitsTwoNamingTheFile()
    {
        var config = Path.Combine(_scratch, "broken.json");
        await File.WriteAllTextAsync(config, "{ \"services\": [ ");

        var run = await CliRun.InvokeAsync("--scenario", "breaker-storm", "--config", config, "--scenarios", RepositoryPaths.Scenarios, "--out", _scratch);

        Assert.Equal(ExitCodes.InvalidInput, run.ExitCode);
        Assert.Contains("broken.json", run.Error, StringComparison.Ordinal);
        Assert.Contains("malformed JSON", run.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_scratch, "breaker-storm")));
    }

    [Fact]
    public async Task Run_SeedNotANumber_ExitsTwoInPlainWords()
    {
        var run = await CliRun.InvokeAsync("run", "--scenario", "breaker-storm", "--seed", "abc");

        Assert.Equal(ExitCodes.InvalidInput, run.ExitCode);
        Assert.Contains("'--seed' as a whole number", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("System.", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_MissingScenarioOption_ExitsTwo()
    {
        var run = await CliRun.InvokeAsync("run");

        Assert.Equal(ExitCodes.InvalidInput, run.ExitCode);
        Assert.Contains("--scenario", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_RepositoryScenarios_ShowsBreakerStorm()
    {
        var run = await CliRun.InvokeAsync("list", "--config", RepositoryPaths.Config, "--scenarios", RepositoryPaths.Scenarios);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("breaker-storm", run.Output, StringComparison.Ordinal);
    }
}
