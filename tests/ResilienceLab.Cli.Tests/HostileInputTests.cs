using System.Text.Json.Nodes;

namespace ResilienceLab.Cli.Tests;

/// <summary>Input crafted to hurt: escape sequences, names that are paths, huge values. Exit 2, one line per problem, nothing written.</summary>
public sealed class HostileInputTests : IDisposable
{
    private readonly string _scratch = Directory.CreateTempSubdirectory("resiliencelab-hostile-").FullName;

    public void Dispose() => Directory.Delete(_scratch, recursive: true);

    [Fact]
    public async Task Validate_ConfigValueWithEscapeSequences_QuotesItEscapedAndShort()
    {
        var config = JsonNode.Parse(await File.ReadAllTextAsync(RepositoryPaths.Config))!;
        config["project_name"] = "\u001b]0;pwned\u0007\u001b[2J" + new string('x', 500);
        var path = Path.Combine(_scratch, "config.json");
        await File.WriteAllTextAsync(path, config.ToJsonString());

        var run = await CliRun.InvokeAsync("validate", "--config", path, "--scenarios", RepositoryPaths.Scenarios);

        Assert.Equal(ExitCodes.InvalidInput, run.ExitCode);
        Assert.DoesNotContain('\u001b', run.Error);
        Assert.DoesNotContain('\u0007', run.Error);
        Assert.Contains("\\u001b]0;pwned", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(new string('x', 81), run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_UnknownScenarioWithNewlines_StaysOneLine()
    {
        var run = await CliRun.InvokeAsync("run", "--scenario", "a\nerror: fake\u001b[1m", "--config", RepositoryPaths.Config, "--scenarios", RepositoryPaths.Scenarios, "--out", _scratch);

        Assert.Equal(ExitCodes.InvalidInput, run.ExitCode);
        Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.DoesNotContain('\u001b', run.Error);
    }

    [Theory]
    [InlineData("/tmp/resiliencelab-hostile-absolute")]
    [InlineData("../../x")]
    [InlineData("..")]
    public async Task ValidateAndRun_ScenarioNameThatIsAPath_ExitTwoNamingFileAndFieldAndWriteNothing(string name)
    {
        var scenarios = Path.Combine(_scratch, "scenarios");
        Directory.CreateDirectory(scenarios);
        var json = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(RepositoryPaths.Scenarios, "breaker-storm.json")))!;
        json["name"] = name;
        var file = Path.Combine(scenarios, "hostile.json");
        await File.WriteAllTextAsync(file, json.ToJsonString());
        var output = Path.Combine(_scratch, "out", "deep");

        var validate = await CliRun.InvokeAsync("validate", file, "--config", RepositoryPaths.Config);
        var run = await CliRun.InvokeAsync("run", "--scenario", "hostile", "--config", RepositoryPaths.Config, "--scenarios", scenarios, "--out", output);

        foreach (var result in new[] { validate, run })
        {
            Assert.Equal(ExitCodes.InvalidInput, result.ExitCode);
            Assert.Contains($"{file}: name:", result.Error, StringComparison.Ordinal);
        }

        Assert.False(Directory.Exists(Path.Combine(_scratch, "out")));
        Assert.False(Directory.Exists("/tmp/resiliencelab-hostile-absolute"));
    }

    [Fact]
    public async Task Validate_InvalidEventPattern_ExitsTwoNamingTheRule()
    {
        var config = JsonNode.Parse(await File.ReadAllTextAsync(RepositoryPaths.Config))!;
        config["event_rules"]![0]!["event_pattern"] = JsonNode.Parse("""{ "detail-type": [ { "numeric": [ ">", "x" ] } ] }""");
        var path = Path.Combine(_scratch, "config.json");
        await File.WriteAllTextAsync(path, config.ToJsonString());

        var run = await CliRun.InvokeAsync("validate", "--config", path, "--scenarios", RepositoryPaths.Scenarios);

        Assert.Equal(ExitCodes.InvalidInput, run.ExitCode);
        Assert.Contains($"{path}: event_rules[0].event_pattern", run.Error, StringComparison.Ordinal);
    }
}
