using System.Text.Json;

namespace ResilienceLab.Cli.Tests.Commands;

public sealed class FisTemplateCommandTests : IDisposable
{
    private readonly string _out = Directory.CreateTempSubdirectory("resiliencelab-fis-").FullName;

    public void Dispose() => Directory.Delete(_out, recursive: true);

    [Fact]
    public async Task FisTemplate_BreakerTableOutage_WritesDynamoDbDisruptionAndSaysItIsAnApproximation()
    {
        var file = Path.Combine(_out, "nested", "table.json");

        var run = await InvokeAsync("breaker-table-outage", "--out", file);

        Assert.True(run.ExitCode == ExitCodes.Contained, run.Output + run.Error);
        Assert.Contains("1 FIS action(s)", run.Output, StringComparison.Ordinal);
        Assert.Contains("approximation: breaker-table-down (api_unavailable on 'breaker-table')", run.Output, StringComparison.Ordinal);
        using var template = JsonDocument.Parse(await File.ReadAllTextAsync(file));
        var root = template.RootElement;
        var action = root.GetProperty("actions").EnumerateObject().Single().Value;
        Assert.Equal("aws:network:disrupt-connectivity", action.GetProperty("actionId").GetString());
        Assert.Equal("dynamodb", action.GetProperty("parameters").GetProperty("scope").GetString());
        Assert.Equal("breaker-table-outage", root.GetProperty("tags").GetProperty("Scenario").GetString());
        Assert.Equal("resilience-lab", root.GetProperty("tags").GetProperty("CreatedBy").GetString());
        Assert.Equal(["table.json"], Directory.GetFiles(Path.GetDirectoryName(file)!).Select(Path.GetFileName));
    }

    [Theory]
    [InlineData("breaker-storm", "payment-outage (http_error on 'payment')")]
    [InlineData("queue-outage", "FIS has no SQS API fault")]
    [InlineData("event-bus-outage", "FIS has no EventBridge API fault")]
    [InlineData("poison-message", "inside the harness process")]
    public async Task FisTemplate_NoFaultFisCanDo_ListsThemWritesNothingExitsZero(string scenario, string reason)
    {
        var file = Path.Combine(_out, "template.json");

        var run = await InvokeAsync(scenario, "--out", file);

        Assert.True(run.ExitCode == ExitCodes.Contained, run.Output + run.Error);
        Assert.Contains("no template written", run.Output, StringComparison.Ordinal);
        Assert.Contains("not supported by FIS: ", run.Output, StringComparison.Ordinal);
        Assert.Contains(reason, run.Output, StringComparison.Ordinal);
        Assert.False(File.Exists(file));
    }

    [Fact]
    public async Task FisTemplate_UnknownScenario_ExitsTwo()
    {
        var run = await InvokeAsync("no-such-scenario");

        Assert.Equal(ExitCodes.InvalidInput, run.ExitCode);
        Assert.Contains("no-such-scenario", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FisTemplate_OutIsAFolder_ExitsTwo()
    {
        var run = await InvokeAsync("breaker-table-outage", "--out", _out);

        Assert.Equal(ExitCodes.InvalidInput, run.ExitCode);
        Assert.Contains("is a folder", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FisTemplate_MissingScenarioOption_ExitsTwo()
    {
        var run = await CliRun.InvokeAsync("fis-template", "--config", RepositoryPaths.Config);

        Assert.Equal(ExitCodes.InvalidInput, run.ExitCode);
    }

    private static Task<CliRun> InvokeAsync(string scenario, params string[] more) =>
        CliRun.InvokeAsync(["fis-template", "--scenario", scenario, "--config", RepositoryPaths.Config, "--scenarios", RepositoryPaths.Scenarios, .. more]);
}
