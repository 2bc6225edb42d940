using System.Text.Json;
using System.Text.Json.Nodes;
using Amazon.DynamoDBv2.Model;
using Amazon.SQS.Model;
using ResilienceLab.Harness.Configuration;
using ResilienceLab.Harness.Messages;
using ResilienceLab.Infrastructure.Provisioning;
using ResilienceLab.Tests.Shared;

namespace ResilienceLab.Cli.Tests.Aws;

/// <summary>
/// The aws target against emulators written elsewhere: queues and topics on fauxqs, the breaker table on DynamoDB Local,
/// the event bus in-process. Provisions twice, runs four scenarios, compares each report's message counts with what
/// fauxqs holds, tears down and checks through the SDKs that nothing the tool created is left.
/// </summary>
[Collection(EndToEndCollection.Name)]
[Trait("Category", "Emulators")]
public sealed class EmulatorEndToEndTests : IClassFixture<FauxqsFixture>, IClassFixture<DynamoDbLocalFixture>, IDisposable
{
    private static readonly string[] Scenarios = ["breaker-storm", "queue-outage", "poison-message", "load-spike"];
    private readonly FauxqsFixture _fauxqs;
    private readonly DynamoDbLocalFixture _dynamoDb;
    private readonly string _out = Directory.CreateTempSubdirectory("resiliencelab-emulators-").FullName;

    public EmulatorEndToEndTests(FauxqsFixture fauxqs, DynamoDbLocalFixture dynamoDb)
    {
        _fauxqs = fauxqs;
        _dynamoDb = dynamoDb;
    }

    public void Dispose() => Directory.Delete(_out, recursive: true);

    [EmulatorsFact]
    public async Task Scenarios_OnFauxqsAndDynamoDbLocal_CountsMatchTheEmulatorAndTeardownLeavesNothing()
    {
        var (config, project) = await WriteConfigAsync();
        var plan = ResourcePlanBuilder.Build(ConfigReader.Read(config));

        var first = await Cli("provision", "--target", "aws", "--config", config);
        var second = await Cli("provision", "--target", "aws", "--config", config);

        Assert.True(first.ExitCode == ExitCodes.Contained, first.Output + first.Error);
        Assert.True(second.ExitCode == ExitCodes.Contained, second.Output + second.Error);
        Assert.DoesNotContain("failed", second.Output, StringComparison.Ordinal);
        var queues = await ListQueuesAsync(project);
        Assert.Equal(plan.Queues.Select(q => q.PhysicalName).Order(StringComparer.Ordinal), queues.Select(QueueName).Order(StringComparer.Ordinal));

        var deadLetteredSoFar = 0L;
        foreach (var scenario in Scenarios)
        {
            var run = await Cli("run", "--scenario", scenario, "--quick", "--target", "aws", "--config", config, "--scenarios", RepositoryPaths.Scenarios, "--out", _out);

            // On two cores shared with both emulators a spike may leave the harness behind: inconclusive, never a false verdict.
            using var report = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(_out, scenario, "report.json")));
            var verdict = report.RootElement.GetProperty("verdict").GetString();
            Assert.True(verdict is "contained" or "inconclusive", $"{scenario}: {verdict}: {run.Output}{run.Error}");
            var runId = report.RootElement.GetProperty("run").GetProperty("run_id").GetString()!;
            Assert.Equal(_fauxqs.ServiceUrl.ToString(), report.RootElement.GetProperty("run").GetProperty("placement").GetProperty("sqs").GetString());
            var channels = report.RootElement.GetProperty("message_channels").EnumerateObject().Select(c => c.Value).ToList();
            Assert.All(channels, c => Assert.Equal(JsonValueKind.Null, c.GetProperty("unknown").ValueKind));

            // What fauxqs holds of this run, read without touching it, by the identity every message carries.
            var held = await HeldAsync(plan, runId);
            Assert.Equal(channels.Sum(c => c.GetProperty("dead_lettered").GetInt64()), held.DeadLettered);
            Assert.Equal(channels.Sum(c => c.GetProperty("in_flight").GetInt64()), held.InFlight);

            // Through the SDK: the dead-letter queues hold what every run so far dead-lettered, nothing else.
            deadLetteredSoFar += held.DeadLettered;
            Assert.Equal(deadLetteredSoFar, await CountAsync(plan.Queues.Where(q => plan.DeadLetterQueueNames.Contains(q.Name))));
            if (scenario == "poison-message")
            {
                Assert.True(held.DeadLettered > 0, "poison requests reached shipping-requests-dlq on fauxqs");
            }
        }

        var teardown = await Cli("teardown", "--target", "aws", "--config", config);

        Assert.True(teardown.ExitCode == ExitCodes.Contained, teardown.Output + teardown.Error);
        Assert.Empty(await ListQueuesAsync(project));
        Assert.DoesNotContain(await _fauxqs.Sns.ListTopicsAsync(), arn => arn.Contains(project, StringComparison.Ordinal));
        Assert.DoesNotContain((await _dynamoDb.Client.ListTablesAsync(new ListTablesRequest())).TableNames ?? [], t => t.StartsWith(project, StringComparison.Ordinal));
    }

    [EmulatorsFact]
    public async Task Run_HandMadeQueueWithoutRedrive_ReportedDriftedAndRefusedWithNothingCreated()
    {
        var (config, project) = await WriteConfigAsync();
        var handMade = (await _fauxqs.Sqs.CreateQueueAsync(new CreateQueueRequest { QueueName = $"{project}-shipping-requests-dev" })).QueueUrl!;
        try
        {
            var provision = await Cli("provision", "--target", "aws", "--config", config);
            var run = await Cli("run", "--scenario", "breaker-storm", "--quick", "--target", "aws", "--config", config, "--scenarios", RepositoryPaths.Scenarios, "--out", _out);

            Assert.True(provision.ExitCode == ExitCodes.InvalidInput, provision.Output + provision.Error);
            Assert.Contains("queue 'shipping-requests'", provision.Error, StringComparison.Ordinal);
            Assert.Contains("is drifted: ", provision.Error, StringComparison.Ordinal);
            Assert.Contains("RedrivePolicy: expected redrive to " + project + "-shipping-requests-dlq-dev after 3 receives, found none", provision.Error, StringComparison.Ordinal);
            Assert.Contains("nothing was created", provision.Error, StringComparison.Ordinal);
            Assert.True(run.ExitCode == ExitCodes.InvalidInput, run.Output + run.Error);
            Assert.Contains("shipping-requests", run.Error, StringComparison.Ordinal);
            Assert.Contains("RedrivePolicy", run.Error, StringComparison.Ordinal);
            Assert.Contains("--adopt", run.Error, StringComparison.Ordinal);
            Assert.DoesNotContain(" at ResilienceLab.", run.Output + run.Error, StringComparison.Ordinal);
            Assert.False(Directory.Exists(Path.Combine(_out, "breaker-storm")));
            Assert.Equal([handMade], await ListQueuesAsync(project));
            Assert.DoesNotContain(await _fauxqs.Sns.ListTopicsAsync(), arn => arn.Contains(project, StringComparison.Ordinal));

            var teardown = await Cli("teardown", "--target", "aws", "--config", config);

            Assert.True(teardown.ExitCode == ExitCodes.Contained, teardown.Output + teardown.Error);
            Assert.Equal([handMade], await ListQueuesAsync(project));
        }
        finally
        {
            await _fauxqs.Sqs.DeleteQueueAsync(handMade);
        }
    }

    private static Task<CliRun> Cli(params string[] args) => CliRun.InvokeAsync(args);

    private static string QueueName(string url) => url[(url.LastIndexOf('/') + 1)..];

    private async Task<(string Path, string Project)> WriteConfigAsync()
    {
        var project = "fq" + Guid.NewGuid().ToString("N")[..8];
        var config = JsonNode.Parse(await File.ReadAllTextAsync(RepositoryPaths.Config))!;
        config["project_name"] = project;
        config["endpoints"] = new JsonObject
        {
            ["sqs"] = _fauxqs.ServiceUrl.ToString(),
            ["sns"] = _fauxqs.ServiceUrl.ToString(),
            ["events"] = "local",
            ["dynamodb"] = _dynamoDb.ServiceUrl.ToString(),
        };
        var path = Path.Combine(_out, project + ".json");
        await File.WriteAllTextAsync(path, config.ToJsonString());
        return (path, project);
    }

    private async Task<List<string>> ListQueuesAsync(string prefix) =>
        (await _fauxqs.Sqs.ListQueuesAsync(new ListQueuesRequest { QueueNamePrefix = prefix })).QueueUrls ?? [];

    private async Task<(long DeadLettered, long InFlight)> HeldAsync(ResourcePlan plan, string runId)
    {
        long dead = 0, flight = 0;
        foreach (var queue in plan.Queues)
        {
            var ids = (await _fauxqs.InspectQueueAsync(queue.PhysicalName))
                .Select(m => MessageIdentity.Find(runId, m.Attributes, m.Body))
                .OfType<string>()
                .Distinct(StringComparer.Ordinal)
                .LongCount();
            if (plan.DeadLetterQueueNames.Contains(queue.Name))
            {
                dead += ids;
            }
            else
            {
                flight += ids;
            }
        }

        return (dead, flight);
    }

    private async Task<long> CountAsync(IEnumerable<QueuePlan> queues)
    {
        long total = 0;
        foreach (var queue in queues)
        {
            var url = (await _fauxqs.Sqs.GetQueueUrlAsync(queue.PhysicalName)).QueueUrl;
            var attributes = (await _fauxqs.Sqs.GetQueueAttributesAsync(new GetQueueAttributesRequest
            {
                QueueUrl = url,
                AttributeNames = ["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible", "ApproximateNumberOfMessagesDelayed"],
            })).Attributes ?? [];
            total += attributes.Values.Sum(long.Parse);
        }

        return total;
    }
}
