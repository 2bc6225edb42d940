using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using ResilienceLab.Infrastructure.Aws;
using ResilienceLab.Stack.Ports;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace ResilienceLab.Infrastructure.Tests.Aws;

public sealed class EventBridgeClientTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2025, 1, 2, 3, 4, 5, TimeSpan.Zero);
    private readonly WireMockServer _server = WireMockServer.Start();
    private readonly HttpClient _http = new();
    private readonly FakeTimeProvider _time = new(Now);

    public void Dispose()
    {
        _http.Dispose();
        _server.Stop();
        _server.Dispose();
    }

    private EventBridgeClient CreateSut() =>
        new(_http, new Uri(_server.Url! + "/"), "us-east-1", AwsTestClients.Credentials, _time, AwsTestClients.Calls(_time));

    private void Answer(string operation, int status, string body) =>
        _server.Given(Request.Create().WithPath("/").UsingPost().WithHeader("X-Amz-Target", "AWSEvents." + operation))
            .RespondWith(Response.Create().WithStatusCode(status).WithHeader("Content-Type", "application/x-amz-json-1.1").WithBody(body));

    private WireMock.IRequestMessage Logged(int index) => _server.LogEntries.ElementAt(index).RequestMessage!;

    private static string Header(WireMock.IRequestMessage request, string name) =>
        request.Headers!.First(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Value.ToString()!;

    private static JsonElement Body(WireMock.IRequestMessage request) => JsonDocument.Parse(request.Body!).RootElement;

    [Fact]
    public async Task PutEventsAsync_SendsSignedJson11Request()
    {
        Answer("PutEvents", 200, """{"FailedEntryCount":0,"Entries":[{"EventId":"e-1"}]}""");

        var result = await CreateSut().PutEventsAsync([new EventEntry("orders", "OrderPlaced", """{"id":1}""", "demo-events-dev")]);

        Assert.Equal(new PutEventsResultEntry("e-1"), Assert.Single(result.Entries));
        var request = Logged(0);
        Assert.Equal("POST", request.Method);
        Assert.Equal("/", request.Path);
        Assert.Equal("AWSEvents.PutEvents", Header(request, "X-Amz-Target"));
        Assert.Equal("application/x-amz-json-1.1", Header(request, "Content-Type"));
        Assert.Equal("20250102T030405Z", Header(request, "X-Amz-Date"));
        var authorization = Header(request, "Authorization");
        Assert.StartsWith("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20250102/us-east-1/events/aws4_request, ", authorization, StringComparison.Ordinal);
        Assert.Contains("SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature=", authorization, StringComparison.Ordinal);
        var entry = Body(request).GetProperty("Entries")[0];
        Assert.Equal("orders", entry.GetProperty("Source").GetString());
        Assert.Equal("OrderPlaced", entry.GetProperty("DetailType").GetString());
        Assert.Equal("""{"id":1}""", entry.GetProperty("Detail").GetString());
        Assert.Equal("demo-events-dev", entry.GetProperty("EventBusName").GetString());
    }

    [Fact]
    public async Task PutEventsAsync_SignatureCoversTheSentHeadersAndBody()
    {
        Answer("PutEvents", 200, """{"FailedEntryCount":0,"Entries":[{"EventId":"e-1"}]}""");

        await CreateSut().PutEventsAsync([new EventEntry("orders", "OrderPlaced", "{}", "bus")]);

        var request = Logged(0);
        var uri = new Uri(_server.Url! + "/");
        var expected = AwsSigV4Signer.ComputeAuthorization(
            "POST",
            uri,
            [
                new("content-type", Header(request, "Content-Type")),
                new("host", Header(request, "Host")),
                new("x-amz-date", Header(request, "X-Amz-Date")),
                new("x-amz-target", Header(request, "X-Amz-Target")),
            ],
            request.BodyAsBytes!,
            AwsTestClients.AccessKey,
            AwsTestClients.SecretKey,
            "us-east-1",
            "events",
            Now);
        Assert.Equal(expected, Header(request, "Authorization"));
    }

    [Fact]
    public async Task PutEventsAsync_PerEntryFailures_ReturnedInOrderNotThrown()
    {
        Answer("PutEvents", 200, """
            {"FailedEntryCount":1,"Entries":[{"EventId":"e-1"},{"ErrorCode":"InternalFailure","ErrorMessage":"try again"}]}
            """);

        var result = await CreateSut().PutEventsAsync(
        [
            new EventEntry("orders", "OrderPlaced", "{}", "bus"),
            new EventEntry("orders", "OrderShipped", "{}", "bus"),
        ]);

        Assert.Equal(1, result.FailedEntryCount);
        Assert.False(result.Entries[0].Failed);
        Assert.Equal(new PutEventsResultEntry(null, "InternalFailure", "try again"), result.Entries[1]);
    }

    [Fact]
    public async Task PutEventsAsync_Throttled_ThrowsTransientPortException()
    {
        Answer("PutEvents", 400, """{"__type":"ThrottlingException","message":"Rate exceeded"}""");

        var exception = await Assert.ThrowsAsync<PortException>(() => CreateSut().PutEventsAsync([new EventEntry("s", "d", "{}", "bus")]));

        Assert.Equal("PutEvents", exception.Operation);
        Assert.Equal("ThrottlingException", exception.ErrorCode);
        Assert.True(exception.IsTransient);
    }

    [Fact]
    public async Task CreateEventBusAsync_AlreadyExists_ThrowsWithErrorCode()
    {
        Answer("CreateEventBus", 400, """{"__type":"com.amazonaws.events#ResourceAlreadyExistsException","message":"Event bus demo already exists."}""");

        var exception = await Assert.ThrowsAsync<PortException>(() => CreateSut().CreateEventBusAsync("demo"));

        Assert.Equal(EventBridgeClient.ResourceAlreadyExists, exception.ErrorCode);
        Assert.False(exception.IsTransient);
    }

    [Fact]
    public async Task CreateEventBusAsync_SendsNameAndTags_ReturnsArn()
    {
        Answer("CreateEventBus", 200, """{"EventBusArn":"arn:aws:events:us-east-1:000000000000:event-bus/demo"}""");

        var arn = await CreateSut().CreateEventBusAsync("demo", new Dictionary<string, string> { ["CreatedBy"] = "resilience-lab" });

        Assert.Equal("arn:aws:events:us-east-1:000000000000:event-bus/demo", arn);
        var body = Body(Logged(0));
        Assert.Equal("demo", body.GetProperty("Name").GetString());
        Assert.Equal("CreatedBy", body.GetProperty("Tags")[0].GetProperty("Key").GetString());
        Assert.Equal("resilience-lab", body.GetProperty("Tags")[0].GetProperty("Value").GetString());
    }

    [Fact]
    public async Task DescribeEventBusAsync_NotFound_ReturnsNull()
    {
        Answer("DescribeEventBus", 400, """{"__type":"ResourceNotFoundException","message":"Event bus demo does not exist."}""");

        Assert.Null(await CreateSut().DescribeEventBusAsync("demo"));
    }

    [Fact]
    public async Task PutRuleAndTargets_SendPatternBusAndTargets()
    {
        Answer("PutRule", 200, """{"RuleArn":"arn:aws:events:us-east-1:000000000000:rule/demo/orders"}""");
        Answer("PutTargets", 200, """{"FailedEntryCount":0,"FailedEntries":[]}""");
        var sut = CreateSut();

        var ruleArn = await sut.PutRuleAsync("orders", "demo", """{"source":["orders"]}""", "Event rule for orders");
        await sut.PutTargetsAsync("orders", "demo", [new EventRuleTarget("orders-queue", "arn:aws:sqs:us-east-1:000000000000:orders")]);

        Assert.EndsWith("rule/demo/orders", ruleArn, StringComparison.Ordinal);
        var rule = Body(Logged(0));
        Assert.Equal("""{"source":["orders"]}""", rule.GetProperty("EventPattern").GetString());
        Assert.Equal("demo", rule.GetProperty("EventBusName").GetString());
        var target = Body(Logged(1)).GetProperty("Targets")[0];
        Assert.Equal("orders-queue", target.GetProperty("Id").GetString());
        Assert.Equal("arn:aws:sqs:us-east-1:000000000000:orders", target.GetProperty("Arn").GetString());
    }

    [Fact]
    public async Task PutTargetsAsync_FailedEntries_ThrowsNamingTarget()
    {
        Answer("PutTargets", 200, """
            {"FailedEntryCount":1,"FailedEntries":[{"TargetId":"orders-queue","ErrorCode":"ConcurrentModificationException","ErrorMessage":"busy"}]}
            """);

        var exception = await Assert.ThrowsAsync<PortException>(
            () => CreateSut().PutTargetsAsync("orders", "demo", [new EventRuleTarget("orders-queue", "arn:aws:sqs:us-east-1:0:orders")]));

        Assert.Contains("orders-queue", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ServerError_ThrowsTransientPortException()
    {
        Answer("DeleteRule", 500, """{"__type":"InternalException","message":"boom"}""");

        var exception = await Assert.ThrowsAsync<PortException>(() => CreateSut().DeleteRuleAsync("orders", "demo"));

        Assert.Equal("InternalException", exception.ErrorCode);
        Assert.True(exception.IsTransient);
    }

    [Fact]
    public async Task EventBridgeBus_EntryWithoutBusName_IsAddressedToTheBus()
    {
        Answer("PutEvents", 200, """{"FailedEntryCount":0,"Entries":[{"EventId":"e-1"}]}""");
        var bus = new EventBridgeBus(CreateSut(), "demo-events-dev");

        await bus.PutEventsAsync([new EventEntry("orders", "OrderPlaced", "{}", "")]);

        Assert.Equal("demo-events-dev", Body(Logged(0)).GetProperty("Entries")[0].GetProperty("EventBusName").GetString());
    }
}
