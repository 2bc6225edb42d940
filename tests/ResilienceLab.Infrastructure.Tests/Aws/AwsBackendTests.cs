using System.Text.Json;
using Amazon.DynamoDBv2;
using Amazon.SQS;
using Microsoft.Extensions.Time.Testing;
using ResilienceLab.Infrastructure.Aws;
using ResilienceLab.Infrastructure.Provisioning;
using WireMock.Matchers;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace ResilienceLab.Infrastructure.Tests.Aws;

/// <summary>Provisioning against one WireMock server standing in for SQS, EventBridge and DynamoDB.</summary>
public sealed class AwsBackendTests : IDisposable
{
    private const string Account = "000000000000";
    private readonly WireMockServer _server = WireMockServer.Start();
    private readonly AmazonSQSClient _sqs;
    private readonly AmazonDynamoDBClient _dynamoDb;
    private readonly HttpClient _http = new();
    private readonly EventBridgeClient _events;

    public AwsBackendTests()
    {
        _sqs = AwsTestClients.Sqs(_server.Url!);
        _dynamoDb = AwsTestClients.DynamoDb(_server.Url!);
        _events = new EventBridgeClient(_http, new Uri(_server.Url! + "/"), "us-east-1", AwsTestClients.Credentials, new FakeTimeProvider());
    }

    public void Dispose()
    {
        _sqs.Dispose();
        _dynamoDb.Dispose();
        _http.Dispose();
        _server.Stop();
        _server.Dispose();
    }

    private static ResourcePlan Plan() => new(
        "lab",
        "test",
        "us-east-1",
        [
            new QueuePlan("orders", "lab-orders-test", VisibilityTimeoutSeconds: 45, MessageRetentionSeconds: 3600, RedrivePolicy: new RedrivePolicy("orders-dlq", 3)),
            new QueuePlan("orders-dlq", "lab-orders-dlq-test"),
        ],
        [new TopicPlan("notifications", "lab-notifications-test", ["orders"])],
        new EventBusPlan("events", "lab-events-test", [new EventRulePlan("order-events", "lab-order-events-test", """{"source":["orders"]}""", ["orders"])]),
        new BreakerTablePlan("lab-circuit-breaker-test"));

    private AwsBackend CreateSut() => new(_sqs, _dynamoDb, _events, TimeProvider.System);

    private void Answer(string target, int status, string body, string? bodyContains = null, string? scenario = null, string? whenState = null, string? nextState = null)
    {
        var request = Request.Create().WithPath("/").UsingPost().WithHeader("X-Amz-Target", target);
        if (bodyContains is not null)
        {
            request = request.WithBody(new WildcardMatcher("*" + bodyContains + "*"));
        }

        var builder = _server.Given(request);
        if (scenario is not null)
        {
            builder = builder.InScenario(scenario)!;
            if (whenState is not null)
            {
                builder = builder.WhenStateIs(whenState)!;
            }

            if (nextState is not null)
            {
                builder = builder.WillSetStateTo(nextState)!;
            }
        }

        builder.RespondWith(Response.Create().WithStatusCode(status).WithHeader("Content-Type", "application/x-amz-json-1.0").WithBody(body));
    }

    private void AnswerQueue(string physicalName)
    {
        var url = $"http://sqs.local/{Account}/{physicalName}";
        Answer("AmazonSQS.CreateQueue", 200, $$"""{"QueueUrl":"{{url}}"}""", bodyContains: $"\"QueueName\":\"{physicalName}\"");
        Answer("AmazonSQS.GetQueueAttributes", 200, $$$"""{"Attributes":{"QueueArn":"arn:aws:sqs:us-east-1:{{{Account}}}:{{{physicalName}}}"}}""", bodyContains: $"\"QueueUrl\":\"{url}\"");
    }

    private void AnswerEverythingMissing()
    {
        Answer("AmazonSQS.GetQueueUrl", 400, """{"__type":"com.amazonaws.sqs#QueueDoesNotExist","message":"The specified queue does not exist."}""");
        AnswerQueue("lab-orders-test");
        AnswerQueue("lab-orders-dlq-test");
        Answer("AmazonSQS.SetQueueAttributes", 200, "{}");
        Answer("AWSEvents.DescribeEventBus", 400, """{"__type":"ResourceNotFoundException","message":"Event bus lab-events-test does not exist."}""");
        Answer("AWSEvents.CreateEventBus", 200, $$"""{"EventBusArn":"arn:aws:events:us-east-1:{{Account}}:event-bus/lab-events-test"}""");
        Answer("AWSEvents.DescribeRule", 400, """{"__type":"ResourceNotFoundException","message":"Rule does not exist."}""");
        Answer("AWSEvents.PutRule", 200, $$"""{"RuleArn":"arn:aws:events:us-east-1:{{Account}}:rule/lab-events-test/lab-order-events-test"}""");
        Answer("AWSEvents.PutTargets", 200, """{"FailedEntryCount":0,"FailedEntries":[]}""");
        Answer("DynamoDB_20120810.DescribeTable", 400, """{"__type":"com.amazonaws.dynamodb.v20120810#ResourceNotFoundException","message":"Requested resource not found"}""",
            scenario: "table", nextState: "checked");
        Answer("DynamoDB_20120810.CreateTable", 200, """{"TableDescription":{"TableName":"lab-circuit-breaker-test","TableStatus":"CREATING"}}""", scenario: "table", whenState: "checked", nextState: "created");
        Answer("DynamoDB_20120810.DescribeTable", 200,
            $$$"""{"Table":{"TableName":"lab-circuit-breaker-test","TableStatus":"ACTIVE","TableArn":"arn:aws:dynamodb:us-east-1:{{{Account}}}:table/lab-circuit-breaker-test"}}""",
            scenario: "table", whenState: "created");
    }

    private JsonElement[] Bodies(string target) => _server.LogEntries
        .Where(e => e.RequestMessage!.Headers!.Any(h => string.Equals(h.Key, "X-Amz-Target", StringComparison.OrdinalIgnoreCase) && h.Value.ToString() == target))
        .Select(e => JsonDocument.Parse(e.RequestMessage!.Body!).RootElement)
        .ToArray();

    [Fact]
    public async Task ProvisionAsync_NothingExists_CreatesDeadLetterQueueFirstAndReportsEachResource()
    {
        AnswerEverythingMissing();
        await using var sut = CreateSut();

        var report = await sut.ProvisionAsync(Plan());

        Assert.Equal(
            [
                ("dlq", "orders-dlq", ProvisioningOutcome.Created),
                ("queue", "orders", ProvisioningOutcome.Created),
                ("topic", "notifications", ProvisioningOutcome.Unsupported),
                ("event-bus", "events", ProvisioningOutcome.Created),
                ("rule", "order-events", ProvisioningOutcome.Created),
                ("table", "lab-circuit-breaker-test", ProvisioningOutcome.Created),
            ],
            report.Resources.Select(r => (r.Kind, r.Name, r.Outcome)));
        Assert.Equal(AwsConstants.TopicsUnsupportedMessage, report.Resources[2].Detail);

        var creates = Bodies("AmazonSQS.CreateQueue");
        Assert.Equal(["lab-orders-dlq-test", "lab-orders-test"], creates.Select(c => c.GetProperty("QueueName").GetString()));
        var main = creates[1];
        Assert.Equal("45", main.GetProperty("Attributes").GetProperty("VisibilityTimeout").GetString());
        Assert.Equal("3600", main.GetProperty("Attributes").GetProperty("MessageRetentionPeriod").GetString());
        Assert.Equal("20", main.GetProperty("Attributes").GetProperty("ReceiveMessageWaitTimeSeconds").GetString());
        var redrive = JsonDocument.Parse(main.GetProperty("Attributes").GetProperty("RedrivePolicy").GetString()!).RootElement;
        Assert.Equal($"arn:aws:sqs:us-east-1:{Account}:lab-orders-dlq-test", redrive.GetProperty("deadLetterTargetArn").GetString());
        Assert.Equal(3, redrive.GetProperty("maxReceiveCount").GetInt32());
        Assert.All(creates, c =>
        {
            Assert.Equal("resilience-lab", c.GetProperty("tags").GetProperty("CreatedBy").GetString());
            Assert.Equal("lab", c.GetProperty("tags").GetProperty("Project").GetString());
            Assert.Equal("test", c.GetProperty("tags").GetProperty("Stage").GetString());
        });

        var target = Assert.Single(Bodies("AWSEvents.PutTargets")).GetProperty("Targets")[0];
        Assert.Equal($"arn:aws:sqs:us-east-1:{Account}:lab-orders-test", target.GetProperty("Arn").GetString());
        var policy = Assert.Single(Bodies("AmazonSQS.SetQueueAttributes")).GetProperty("Attributes").GetProperty("Policy").GetString()!;
        Assert.Contains("events.amazonaws.com", policy, StringComparison.Ordinal);
        Assert.Contains("rule/lab-events-test/lab-order-events-test", policy, StringComparison.Ordinal);

        var table = Assert.Single(Bodies("DynamoDB_20120810.CreateTable"));
        Assert.Equal("PAY_PER_REQUEST", table.GetProperty("BillingMode").GetString());
        Assert.Equal("service_name", table.GetProperty("KeySchema")[0].GetProperty("AttributeName").GetString());
        Assert.Contains(table.GetProperty("Tags").EnumerateArray(), t => t.GetProperty("Key").GetString() == "CreatedBy");

        var queue = Assert.IsType<SqsMessageQueue>(sut.GetQueue("orders"));
        Assert.Equal($"http://sqs.local/{Account}/lab-orders-test", queue.QueueUrl);
        Assert.Equal("lab-events-test", sut.GetEventBus().Name);
        Assert.Equal("lab-circuit-breaker-test", sut.GetBreakerTable().Name);
    }

    [Fact]
    public async Task GetTopic_Always_ThrowsNotSupported()
    {
        await using var sut = CreateSut();

        var exception = Assert.Throws<NotSupportedException>(() => sut.GetTopic("notifications"));

        Assert.Equal(AwsConstants.TopicsUnsupportedMessage, exception.Message);
    }

    [Fact]
    public async Task GetQueue_BeforeProvisioning_Throws()
    {
        await using var sut = CreateSut();

        Assert.Throws<InvalidOperationException>(() => sut.GetQueue("orders"));
        Assert.Equal("aws", sut.Target);
    }

    [Fact]
    public async Task TeardownAsync_QueueWithoutOwnershipTag_IsLeftAlone()
    {
        var url = $"http://sqs.local/{Account}/lab-orders-test";
        Answer("AmazonSQS.GetQueueUrl", 200, $$"""{"QueueUrl":"{{url}}"}""");
        Answer("AmazonSQS.ListQueueTags", 200, """{"Tags":{"Project":"someone-else"}}""");
        Answer("AWSEvents.DescribeRule", 400, """{"__type":"ResourceNotFoundException","message":"Rule does not exist."}""");
        Answer("AWSEvents.DescribeEventBus", 400, """{"__type":"ResourceNotFoundException","message":"no bus"}""");
        Answer("DynamoDB_20120810.DescribeTable", 400, """{"__type":"com.amazonaws.dynamodb.v20120810#ResourceNotFoundException","message":"Requested resource not found"}""");
        await using var sut = CreateSut();

        var report = await sut.TeardownAsync(Plan());

        Assert.Empty(Bodies("AmazonSQS.DeleteQueue"));
        var queues = report.Resources.Where(r => r.Kind is "queue" or "dlq").ToArray();
        Assert.Equal(2, queues.Length);
        Assert.All(queues, q =>
        {
            Assert.Equal(ProvisioningOutcome.NotFound, q.Outcome);
            Assert.Contains("CreatedBy=resilience-lab", q.Detail, StringComparison.Ordinal);
        });
        Assert.Equal(ProvisioningOutcome.NotFound, report.Resources.Single(r => r.Kind == "table").Outcome);
        Assert.Equal(ProvisioningOutcome.NotFound, report.Resources.Single(r => r.Kind == "event-bus").Outcome);
    }
}
