using System.Text.Json;
using Amazon.DynamoDBv2;
using Amazon.SQS;
using Microsoft.Extensions.Time.Testing;
using ResilienceLab.Infrastructure.Aws;
using ResilienceLab.Infrastructure.Local;
using ResilienceLab.Infrastructure.Provisioning;
using ResilienceLab.Stack.Ports;
using WireMock.Matchers;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace ResilienceLab.Infrastructure.Tests.Aws;

/// <summary>Provisioning against one WireMock server standing in for SQS, SNS, EventBridge and DynamoDB.</summary>
public sealed class PlacedBackendTests : IDisposable
{
    private const string Account = "000000000000";
    private const string TopicArn = $"arn:aws:sns:us-east-1:{Account}:lab-notifications-test";
    private readonly WireMockServer _server = WireMockServer.Start();
    private readonly AmazonSQSClient _sqs;
    private readonly AmazonDynamoDBClient _dynamoDb;
    private readonly HttpClient _http = new();
    private readonly EventBridgeClient _events;
    private readonly SnsClient _sns;

    public PlacedBackendTests()
    {
        _sqs = AwsTestClients.Sqs(_server.Url!);
        _dynamoDb = AwsTestClients.DynamoDb(_server.Url!);
        var policy = AwsTestClients.Calls();
        _events = new EventBridgeClient(_http, new Uri(_server.Url! + "/"), "us-east-1", AwsTestClients.Credentials, new FakeTimeProvider(), policy);
        _sns = new SnsClient(_http, new Uri(_server.Url! + "/"), "us-east-1", AwsTestClients.Credentials, new FakeTimeProvider(), policy);
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

    private AwsServiceClients Clients() => new()
    {
        Sqs = _sqs,
        Sns = _sns,
        Events = _events,
        DynamoDb = _dynamoDb,
        SqsCalls = AwsTestClients.Calls(),
    };

    private PlacedBackend CreateSut() => new(Clients(), TimeProvider.System);

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

    private void AnswerSns(string action, string result, int status = 200) =>
        _server.Given(Request.Create().WithPath("/").UsingPost().WithBody(new WildcardMatcher($"Action={action}&*")))
            .RespondWith(Response.Create().WithStatusCode(status).WithHeader("Content-Type", "text/xml").WithBody(status == 200
                ? $"""<{action}Response xmlns="http://sns.amazonaws.com/doc/2010-03-31/"><{action}Result>{result}</{action}Result></{action}Response>"""
                : result));

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
        AnswerSns("ListTopics", "<Topics/>");
        AnswerSns("CreateTopic", $"<TopicArn>{TopicArn}</TopicArn>");
        AnswerSns("ListSubscriptionsByTopic", "<Subscriptions/>");
        AnswerSns("Subscribe", $"<SubscriptionArn>{TopicArn}:sub-1</SubscriptionArn>");
        Answer("AWSEvents.DescribeEventBus", 400, """{"__type":"ResourceNotFoundException","message":"Event bus lab-events-test does not exist."}""");
        Answer("AWSEvents.CreateEventBus", 200, $$"""{"EventBusArn":"arn:aws:events:us-east-1:{{Account}}:event-bus/lab-events-test"}""");
        Answer("AWSEvents.DescribeRule", 400, """{"__type":"ResourceNotFoundException","message":"Rule does not exist."}""");
        Answer("AWSEvents.PutRule", 200, $$"""{"RuleArn":"arn:aws:events:us-east-1:{{Account}}:rule/lab-events-test/lab-order-events-test"}""");
        Answer("AWSEvents.PutTargets", 200, """{"FailedEntryCount":0,"FailedEntries":[]}""");
        AnswerTableCreated();
    }

    private void AnswerTableCreated()
    {
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

    private string[] Calls() => _server.LogEntries
        .Select(e => e.RequestMessage!)
        .Select(r => r.Headers!.FirstOrDefault(h => string.Equals(h.Key, "X-Amz-Target", StringComparison.OrdinalIgnoreCase)).Value?.ToString()
            ?? r.Body!.Split('&')[0].Replace("Action=", "SNS.", StringComparison.Ordinal))
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
                ("topic", "notifications", ProvisioningOutcome.Created),
                ("event-bus", "events", ProvisioningOutcome.Created),
                ("rule", "order-events", ProvisioningOutcome.Created),
                ("policy", "orders", ProvisioningOutcome.Created),
                ("table", "lab-circuit-breaker-test", ProvisioningOutcome.Created),
            ],
            report.Resources.Select(r => (r.Kind, r.Name, r.Outcome)));

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
        Assert.Contains("sns.amazonaws.com", policy, StringComparison.Ordinal);
        Assert.Contains("rule/lab-events-test/lab-order-events-test", policy, StringComparison.Ordinal);
        Assert.Contains(TopicArn, policy, StringComparison.Ordinal);

        var subscribe = _server.LogEntries.Select(e => e.RequestMessage!.Body!).Single(b => b.StartsWith("Action=Subscribe&", StringComparison.Ordinal));
        Assert.Contains("Protocol=sqs", subscribe, StringComparison.Ordinal);
        Assert.Contains("Endpoint=" + Uri.EscapeDataString($"arn:aws:sqs:us-east-1:{Account}:lab-orders-test"), subscribe, StringComparison.Ordinal);
        var createTopic = _server.LogEntries.Select(e => e.RequestMessage!.Body!).Single(b => b.StartsWith("Action=CreateTopic&", StringComparison.Ordinal));
        Assert.Contains("Tags.member.3.Key=CreatedBy&Tags.member.3.Value=resilience-lab", createTopic, StringComparison.Ordinal);

        var table = Assert.Single(Bodies("DynamoDB_20120810.CreateTable"));
        Assert.Equal("PAY_PER_REQUEST", table.GetProperty("BillingMode").GetString());
        Assert.Equal("service_name", table.GetProperty("KeySchema")[0].GetProperty("AttributeName").GetString());
        Assert.Contains(table.GetProperty("Tags").EnumerateArray(), t => t.GetProperty("Key").GetString() == "CreatedBy");

        var queue = Assert.IsType<SqsMessageQueue>(sut.GetQueue("orders"));
        Assert.Equal($"http://sqs.local/{Account}/lab-orders-test", queue.QueueUrl);
        Assert.Equal(TopicArn, Assert.IsType<SnsTopic>(sut.GetTopic("notifications")).TopicArn);
        Assert.Equal("lab-events-test", sut.GetEventBus().Name);
        Assert.Equal("lab-circuit-breaker-test", sut.GetBreakerTable().Name);
    }

    [Fact]
    public async Task ProvisionAsync_DeadLetterQueueRefused_ReportsBothQueuesFailedAndGoesOn()
    {
        Answer("AmazonSQS.GetQueueUrl", 400, """{"__type":"com.amazonaws.sqs#QueueDoesNotExist","message":"The specified queue does not exist."}""");
        Answer("AmazonSQS.CreateQueue", 400, """{"__type":"com.amazonaws.sqs#InvalidAttributeValue","message":"Invalid value for the parameter MessageRetentionPeriod."}""");
        AnswerTableCreated();
        await using var sut = new PlacedBackend(Clients() with { Sns = null, Events = null }, TimeProvider.System);

        var report = await sut.ProvisionAsync(Plan() with { Topics = [], EventBus = null });

        Assert.Equal(
            [("dlq", ProvisioningOutcome.Failed), ("queue", ProvisioningOutcome.Failed), ("table", ProvisioningOutcome.Created)],
            report.Resources.Select(r => (r.Kind, r.Outcome)));
        Assert.Contains("InvalidAttributeValue", report.Resources[0].Detail, StringComparison.Ordinal);
        Assert.Contains("dead-letter queue 'orders-dlq' is not there", report.Resources[1].Detail, StringComparison.Ordinal);
        Assert.Equal(2, report.Failures.Count);
    }

    [Fact]
    public async Task InspectAsync_QueueWithoutRedriveAndTags_ReportsDriftedAndCreatesNothing()
    {
        var url = $"http://sqs.local/{Account}/lab-orders-test";
        Answer("AmazonSQS.GetQueueUrl", 400, """{"__type":"com.amazonaws.sqs#QueueDoesNotExist","message":"The specified queue does not exist."}""", bodyContains: "lab-orders-dlq-test");
        Answer("AmazonSQS.GetQueueUrl", 200, $$"""{"QueueUrl":"{{url}}"}""", bodyContains: "\"lab-orders-test\"");
        Answer("AmazonSQS.GetQueueAttributes", 200, $$$"""{"Attributes":{"QueueArn":"arn:aws:sqs:us-east-1:{{{Account}}}:lab-orders-test","VisibilityTimeout":"45","MessageRetentionPeriod":"3600"}}""");
        Answer("AmazonSQS.ListQueueTags", 200, "{}");
        await using var sut = new PlacedBackend(Clients() with { Sns = null, Events = null, DynamoDb = null }, TimeProvider.System);

        var report = await sut.InspectAsync(Plan() with { Topics = [], EventBus = null }, ResourceComponents.Queues);

        Assert.Equal([("dlq", ProvisioningOutcome.Missing), ("queue", ProvisioningOutcome.Drifted)], report.Resources.Select(r => (r.Kind, r.Outcome)));
        var difference = Assert.Single(report.Resources[1].Differences);
        Assert.Equal(new ResourceDifference("RedrivePolicy", "redrive to lab-orders-dlq-test after 3 receives", "none"), difference);
        Assert.Contains("not tagged CreatedBy=resilience-lab", report.Resources[1].Detail, StringComparison.Ordinal);
        Assert.Empty(Bodies("AmazonSQS.CreateQueue"));
        Assert.Single(report.NeedingAdoption);
    }

    [Fact]
    public async Task GetQueue_BeforeProvisioning_Throws()
    {
        await using var sut = CreateSut();

        Assert.Throws<InvalidOperationException>(() => sut.GetQueue("orders"));
        Assert.False(sut.Placements.Sqs.IsInProcess);
    }

    [Fact]
    public async Task TeardownAsync_QueueWithoutOwnershipTag_IsLeftAlone()
    {
        var url = $"http://sqs.local/{Account}/lab-orders-test";
        Answer("AmazonSQS.GetQueueUrl", 200, $$"""{"QueueUrl":"{{url}}"}""");
        Answer("AmazonSQS.ListQueueTags", 200, """{"Tags":{"Project":"someone-else"}}""");
        AnswerSns("ListTopics", "<Topics/>");
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
            Assert.Equal(ProvisioningOutcome.NotOwned, q.Outcome);
            Assert.Contains("CreatedBy=resilience-lab", q.Detail, StringComparison.Ordinal);
        });
        Assert.Equal(ProvisioningOutcome.NotFound, report.Resources.Single(r => r.Kind == "table").Outcome);
        Assert.Equal(ProvisioningOutcome.NotFound, report.Resources.Single(r => r.Kind == "event-bus").Outcome);
        Assert.Equal(ProvisioningOutcome.NotFound, report.Resources.Single(r => r.Kind == "topic").Outcome);
    }

    [Fact]
    public async Task TeardownAsync_OwnedResources_RemovesDependentsFirst()
    {
        var tags = """{"Tags":[{"Key":"CreatedBy","Value":"resilience-lab"}]}""";
        Answer("AWSEvents.DescribeRule", 200, $$"""{"Name":"lab-order-events-test","Arn":"arn:aws:events:us-east-1:{{Account}}:rule/lab-events-test/lab-order-events-test"}""");
        Answer("AWSEvents.DescribeEventBus", 200, $$"""{"Name":"lab-events-test","Arn":"arn:aws:events:us-east-1:{{Account}}:event-bus/lab-events-test"}""");
        Answer("AWSEvents.ListTagsForResource", 200, tags);
        Answer("AWSEvents.ListTargetsByRule", 200, $$$"""{"Targets":[{"Id":"orders","Arn":"arn:aws:sqs:us-east-1:{{{Account}}}:lab-orders-test"}]}""");
        Answer("AWSEvents.RemoveTargets", 200, """{"FailedEntryCount":0,"FailedEntries":[]}""");
        Answer("AWSEvents.DeleteRule", 200, "{}");
        Answer("AWSEvents.DeleteEventBus", 200, "{}");
        AnswerSns("ListTopics", $"<Topics><member><TopicArn>{TopicArn}</TopicArn></member></Topics>");
        AnswerSns("ListTagsForResource", "<Tags><member><Key>CreatedBy</Key><Value>resilience-lab</Value></member></Tags>");
        AnswerSns("ListSubscriptionsByTopic", $"<Subscriptions><member><SubscriptionArn>{TopicArn}:sub-1</SubscriptionArn><Protocol>sqs</Protocol><Endpoint>arn</Endpoint></member></Subscriptions>");
        AnswerSns("Unsubscribe", string.Empty);
        AnswerSns("DeleteTopic", string.Empty);
        Answer("AmazonSQS.GetQueueUrl", 200, $$"""{"QueueUrl":"http://sqs.local/{{Account}}/q"}""");
        Answer("AmazonSQS.ListQueueTags", 200, """{"Tags":{"CreatedBy":"resilience-lab"}}""");
        Answer("AmazonSQS.DeleteQueue", 200, "{}");
        Answer("DynamoDB_20120810.DescribeTable", 400, """{"__type":"com.amazonaws.dynamodb.v20120810#ResourceNotFoundException","message":"Requested resource not found"}""");
        await using var sut = CreateSut();

        var report = await sut.TeardownAsync(Plan());

        Assert.All(report.Resources.Where(r => r.Kind != "table"), r => Assert.Equal(ProvisioningOutcome.Deleted, r.Outcome));
        var deletes = Calls().Where(c => c.Contains("Delete", StringComparison.Ordinal) || c.Contains("Remove", StringComparison.Ordinal) || c.Contains("Unsubscribe", StringComparison.Ordinal)).ToArray();
        Assert.Equal(["AWSEvents.RemoveTargets", "AWSEvents.DeleteRule", "AWSEvents.DeleteEventBus", "SNS.Unsubscribe", "SNS.DeleteTopic", "AmazonSQS.DeleteQueue", "AmazonSQS.DeleteQueue"], deletes);
        Assert.Equal(["queue", "dlq"], report.Resources.Where(r => r.Kind is "queue" or "dlq").Select(r => r.Kind));
    }

    [Fact]
    public async Task ProvisionAsync_BusInProcessQueuesOnSqs_RuleDeliversToTheSqsQueue()
    {
        AnswerQueue("lab-orders-test");
        AnswerQueue("lab-orders-dlq-test");
        Answer("AmazonSQS.GetQueueUrl", 400, """{"__type":"com.amazonaws.sqs#QueueDoesNotExist","message":"The specified queue does not exist."}""");
        Answer("AmazonSQS.SendMessage", 200, $$"""{"MessageId":"m-1","MD5OfMessageBody":"x"}""");
        await using var sut = new PlacedBackend(Clients() with { Sns = null, Events = null, DynamoDb = null }, TimeProvider.System);

        var report = await sut.ProvisionAsync(Plan() with { Topics = [] });

        Assert.True(sut.Placements.Events.IsInProcess);
        Assert.Equal(ProvisioningOutcome.Created, report.Resources.Single(r => r.Kind == "rule").Outcome);
        Assert.IsType<LocalEventBus>(sut.GetEventBus());
        // The stand-in's MD5 is wrong, so the SDK refuses its answer; the request is what counts here.
        await sut.GetEventBus().PutEventsAsync([new EventEntry("orders", "OrderPlaced", "{}", "lab-events-test")]);
        var sent = Assert.Single(Bodies("AmazonSQS.SendMessage"));
        Assert.Equal($"http://sqs.local/{Account}/lab-orders-test", sent.GetProperty("QueueUrl").GetString());
        Assert.Contains("OrderPlaced", sent.GetProperty("MessageBody").GetString(), StringComparison.Ordinal);
    }
}
