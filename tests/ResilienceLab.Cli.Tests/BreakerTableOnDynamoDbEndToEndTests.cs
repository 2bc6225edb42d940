using System.Text.Json;
using System.Text.Json.Nodes;
using Amazon.DynamoDBv2.Model;
using ResilienceLab.Harness.Configuration;
using ResilienceLab.Tests.Shared;

namespace ResilienceLab.Cli.Tests;

/// <summary>
/// breaker-storm with payment's breaker shared through the breaker table on the official DynamoDB Local, while queues
/// and the bus stay in-process (<c>--target local</c> with <c>endpoints.dynamodb</c>).
/// </summary>
[Collection(EndToEndCollection.Name)]
[Trait("Category", "DynamoDbLocal")]
public sealed class BreakerTableOnDynamoDbEndToEndTests : IClassFixture<DynamoDbLocalFixture>, IDisposable
{
    private readonly DynamoDbLocalFixture _fixture;
    private readonly string _out = Directory.CreateTempSubdirectory("resiliencelab-ddb-e2e-").FullName;

    public BreakerTableOnDynamoDbEndToEndTests(DynamoDbLocalFixture fixture) => _fixture = fixture;

    public void Dispose() => Directory.Delete(_out, recursive: true);

    [DynamoDbLocalFact]
    public async Task Run_PaymentBreakerSharedThroughDynamoDbLocal_IsContained()
    {
        var config = await WriteConfigAsync(_fixture.ServiceUrl);

        var run = await CliRun.InvokeAsync("--scenario", "breaker-storm", "--quick", "--config", config, "--scenarios", RepositoryPaths.Scenarios, "--out", _out);

        Assert.True(run.ExitCode == ExitCodes.Contained, run.Output + run.Error);
        using var report = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(_out, "breaker-storm", "report.json")));
        var payment = report.RootElement.GetProperty("dependencies").GetProperty("payment");
        Assert.True(payment.GetProperty("time_to_open_s").GetDouble() <= 2);

        // The decisions went through DynamoDB: payment's item is there, and the run left the table for other instances.
        var table = ResourcePlanBuilder.Build(ConfigReader.Read(config)).BreakerTable.PhysicalName;
        var item = await _fixture.Client.GetItemAsync(new GetItemRequest
        {
            TableName = table,
            Key = new() { ["service_name"] = new AttributeValue { S = "payment" } },
            ConsistentRead = true,
        });
        Assert.True(item.IsItemSet, "payment's breaker item is in the DynamoDB table");
        Assert.True(long.Parse(item.Item["total_failures"].N, System.Globalization.CultureInfo.InvariantCulture) > 0);
    }

    [DynamoDbLocalFact]
    public async Task Merge_ThreeAgentProcessesSharingTheBreakerTable_BreakerHoldsForTheFleet()
    {
        var config = await WriteConfigAsync(_fixture.ServiceUrl);
        var startAt = DateTimeOffset.UtcNow.AddSeconds(12).ToString("O", System.Globalization.CultureInfo.InvariantCulture);
        var agents = Enumerable.Range(1, 3).Select(i => ChildProcess.Start(
            "run", "--scenario", "breaker-storm", "--quick", "--segment", $"{i}/3", "--run-id", "e2e-three-ddb", "--start-at", startAt,
            "--config", config, "--scenarios", RepositoryPaths.Scenarios, "--out", Path.Combine(_out, $"agent-{i}"))).ToList();
        try
        {
            foreach (var agent in agents)
            {
                Assert.True(await agent.ExitCodeAsync(TimeSpan.FromMinutes(3)) is ExitCodes.Contained or ExitCodes.NotContained, agent.Output + agent.Error);
            }
        }
        finally
        {
            agents.ForEach(a => a.Dispose());
        }

        var merged = await CliRun.InvokeAsync(["merge", .. Enumerable.Range(1, 3).Select(i => Path.Combine(_out, $"agent-{i}")), "--out", Path.Combine(_out, "merged")]);

        Assert.True(merged.ExitCode is ExitCodes.Contained or ExitCodes.NotContained, merged.Output + merged.Error);
        BreakerChecks.AssertPassed(Path.Combine(_out, "merged", "breaker-storm", "report.json"), merged.Output);

        // The three agents' instances shared one item: each added its failures under its own instance id.
        var table = ResourcePlanBuilder.Build(ConfigReader.Read(config)).BreakerTable.PhysicalName;
        var item = await _fixture.Client.GetItemAsync(new GetItemRequest
        {
            TableName = table,
            Key = new() { ["service_name"] = new AttributeValue { S = "payment" } },
            ConsistentRead = true,
        });
        Assert.True(long.Parse(item.Item["total_failures"].N, System.Globalization.CultureInfo.InvariantCulture) > 0);
    }

    private async Task<string> WriteConfigAsync(Uri dynamoDb)
    {
        var config = JsonNode.Parse(await File.ReadAllTextAsync(RepositoryPaths.Config))!;
        config["project_name"] = "ddb-e2e-" + Guid.NewGuid().ToString("N")[..8];
        config["endpoints"] = new JsonObject { ["dynamodb"] = dynamoDb.ToString() };
        foreach (var service in config["services"]!.AsArray())
        {
            if (service!["name"]!.GetValue<string>() == "payment")
            {
                service["circuit_breaker"]!["shared_state"] = "table";
            }
        }

        var path = Path.Combine(_out, "ddb-config.json");
        await File.WriteAllTextAsync(path, config.ToJsonString());
        return path;
    }
}
