using System.Text.Json.Nodes;

namespace ResilienceLab.Cli.Tests;

public sealed class ToolCommandTests : IDisposable
{
    private readonly string _scratch = Directory.CreateTempSubdirectory("resiliencelab-tools-").FullName;

    public void Dispose() => Directory.Delete(_scratch, recursive: true);

    [Theory]
    [InlineData("{\"source\":[\"order-service\"]}", "{\"source\":\"order-service\",\"detail\":{}}", "true")]
    [InlineData("{\"source\":[\"order-service\"]}", "{\"source\":\"payment\",\"detail\":{}}", "false")]
    [InlineData("{\"detail\":{\"amount\":[{\"numeric\":[\">\",100]}]}}", "{\"detail\":{\"amount\":250}}", "true")]
    public async Task TestEventPattern_ValidInput_PrintsVerdictAndExitsZero(string pattern, string @event, string expected)
    {
        var run = await CliRun.InvokeAsync("test-event-pattern", "--event-pattern", pattern, "--event", @event);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(expected, run.Output.Trim());
    }

    [Fact]
    public async Task TestEventPattern_InvalidPattern_ExitsTwoWithReason()
    {
        var run = await CliRun.InvokeAsync("test-event-pattern", "--event-pattern", "{\"source\":\"a\"}", "--event", "{\"source\":\"a\"}");

        Assert.Equal(ExitCodes.InvalidInput, run.ExitCode);
        Assert.Contains("source", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_RepositoryFiles_AreValid()
    {
        var run = await CliRun.InvokeAsync("validate", "--config", RepositoryPaths.Config, "--scenarios", RepositoryPaths.Scenarios);

        Assert.True(run.ExitCode == 0, run.Error);
    }

    [Fact]
    public async Task Validate_BrokenScenario_ReportsEveryProblemWithItsPath()
    {
        var file = Path.Combine(_scratch, "broken.json");
        await File.WriteAllTextAsync(file, """
        {
          "workflow": "place-order",
          "load": [ { "kind": "inject", "rate": "fast", "during": "10s" } ],
          "faults": [ { "kind": "http_error", "target": "billing", "start": "2s", "duration": "soon" } ],
          "hypothesis": [ { "metric": "breaker.payment.time_to_explode", "op": "<=", "threshold": 1 } ]
        }
        """);

        var run = await CliRun.InvokeAsync("validate", file, "--config", RepositoryPaths.Config);

        Assert.Equal(ExitCodes.InvalidInput, run.ExitCode);
        Assert.Contains("load[0].rate", run.Error, StringComparison.Ordinal);
        Assert.Contains("faults[0].target", run.Error, StringComparison.Ordinal);
        Assert.Contains("faults[0].duration", run.Error, StringComparison.Ordinal);
        Assert.Contains("hypothesis[0].metric", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_ScenarioBreakingTheSchema_ReportsEachProblemOnceWithFileAndPathAndExitsTwo()
    {
        var file = Path.Combine(_scratch, "broken.json");
        await File.WriteAllTextAsync(file, """
        {
          "workflow": "place-order",
          "seed": "lucky",
          "colour": "red",
          "load": [ { "kind": "inject", "rate": 10, "during": "30s" } ],
          "faults": [
            { "kind": "http_delay", "target": "payment", "start": "2s", "duration": "5s", "delay": "1s", "sigma": 0.4 },
            { "kind": "http_explode", "target": "payment", "start": "2s", "duration": "5s" },
            { "kind": "http_error", "start": "2s", "duration": "5s" }
          ],
          "hypothesis": [ { "metric": "fault.error_rate", "op": "<=", "threshold": 0.1 } ]
        }
        """);

        var run = await CliRun.InvokeAsync("validate", file, "--config", RepositoryPaths.Config);

        Assert.Equal(ExitCodes.InvalidInput, run.ExitCode);
        var lines = run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Where(l => l.StartsWith("error: ", StringComparison.Ordinal)).ToList();
        foreach (var path in new[] { "seed", "colour", "faults[0].sigma", "faults[1].kind", "faults[2].target" })
        {
            Assert.Single(lines, l => l.StartsWith($"error: {file}: {path}: ", StringComparison.Ordinal));
        }

        Assert.Contains($"error: {file}: faults[2].target: is required", lines);
        Assert.Equal(5, lines.Count);
    }

    [Fact]
    public async Task Provision_LocalTarget_ListsEveryResource()
    {
        var run = await CliRun.InvokeAsync("provision", "--config", RepositoryPaths.Config);

        Assert.Equal(0, run.ExitCode);
        foreach (var name in new[] { "shipping-requests-dlq", "workflow-events", "order-notifications", "order-events", "circuit-breaker" })
        {
            Assert.Contains(name, run.Output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Provision_OnlyBreakerTable_ListsOnlyTheTable()
    {
        var run = await CliRun.InvokeAsync("provision", "--only", "breaker-table", "--config", RepositoryPaths.Config);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("circuit-breaker", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("shipping-requests", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("order-notifications", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Provision_OnlyUnknownComponent_InvalidInput()
    {
        var run = await CliRun.InvokeAsync("provision", "--only", "lambdas", "--config", RepositoryPaths.Config);

        Assert.Equal(ExitCodes.InvalidInput, run.ExitCode);
        Assert.Contains("lambdas", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Provision_TopicOnAnEndpointWithQueuesInProcess_NamesTheEndpointsField()
    {
        var config = JsonNode.Parse(await File.ReadAllTextAsync(RepositoryPaths.Config))!;
        config["endpoints"] = new JsonObject { ["sns"] = "http://127.0.0.1:1" };
        var path = Path.Combine(_scratch, "placement.json");
        await File.WriteAllTextAsync(path, config.ToJsonString());

        var run = await CliRun.InvokeAsync("provision", "--config", path);

        Assert.Equal(ExitCodes.InvalidInput, run.ExitCode);
        Assert.Contains($"error: {path}: endpoints.sns: topics on http://127.0.0.1:1/ cannot deliver to queues in this process", run.Error, StringComparison.Ordinal);
    }
}
