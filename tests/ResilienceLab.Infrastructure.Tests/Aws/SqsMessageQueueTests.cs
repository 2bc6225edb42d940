using System.Text.Json;
using Amazon.SQS;
using ResilienceLab.Infrastructure.Aws;
using ResilienceLab.Stack.Ports;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace ResilienceLab.Infrastructure.Tests.Aws;

public sealed class SqsMessageQueueTests : IDisposable
{
    private const string QueueUrl = "http://sqs.local/000000000000/orders";
    private readonly WireMockServer _server = WireMockServer.Start();
    private readonly AmazonSQSClient _client;

    public SqsMessageQueueTests() => _client = AwsTestClients.Sqs(_server.Url!);

    public void Dispose()
    {
        _client.Dispose();
        _server.Stop();
        _server.Dispose();
    }

    private SqsMessageQueue CreateSut() => new(_client, "orders", QueueUrl, AwsTestClients.Calls());

    private void Answer(string operation, int status, object body, string? scenario = null, string? whenState = null, string? nextState = null)
    {
        var request = Request.Create().WithPath("/").UsingPost().WithHeader("X-Amz-Target", "AmazonSQS." + operation);
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

        builder.RespondWith(Response.Create()
            .WithStatusCode(status)
            .WithHeader("Content-Type", "application/x-amz-json-1.0")
            .WithBody(JsonSerializer.Serialize(body)));
    }

    private JsonElement RequestBody(int index) => JsonDocument.Parse(_server.LogEntries.ElementAt(index).RequestMessage!.Body!).RootElement;

    private string Header(int index, string name) =>
        _server.LogEntries.ElementAt(index).RequestMessage!.Headers!
            .First(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Value.ToString()!;

    [Fact]
    public async Task SendAsync_WithAttributes_SendsJsonSendMessageWithStringAttributes()
    {
        Answer("SendMessage", 200, new { MessageId = "m-1", MD5OfMessageBody = AwsTestClients.Md5("hello") });

        var id = await CreateSut().SendAsync(new OutgoingMessage("hello", new Dictionary<string, string> { ["CorrelationId"] = "c-1" }));

        Assert.Equal("m-1", id);
        Assert.Single(_server.LogEntries);
        Assert.Equal("AmazonSQS.SendMessage", Header(0, "X-Amz-Target"));
        Assert.StartsWith("application/x-amz-json-1.0", Header(0, "Content-Type"));
        Assert.StartsWith("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/", Header(0, "Authorization"));
        var body = RequestBody(0);
        Assert.Equal(QueueUrl, body.GetProperty("QueueUrl").GetString());
        Assert.Equal("hello", body.GetProperty("MessageBody").GetString());
        var attribute = body.GetProperty("MessageAttributes").GetProperty("CorrelationId");
        Assert.Equal("String", attribute.GetProperty("DataType").GetString());
        Assert.Equal("c-1", attribute.GetProperty("StringValue").GetString());
    }

    [Fact]
    public async Task SendAsync_Throttled_ThrowsTransientPortException()
    {
        Answer("SendMessage", 400, new Dictionary<string, string>
        {
            ["__type"] = "com.amazon.coral.availability#ThrottlingException",
            ["message"] = "Rate exceeded",
        });

        var exception = await Assert.ThrowsAsync<PortException>(() => CreateSut().SendAsync(new OutgoingMessage("hello")).AsTask());

        Assert.Equal("SendMessage", exception.Operation);
        Assert.Equal("ThrottlingException", exception.ErrorCode);
        Assert.True(exception.IsTransient);
        Assert.True(exception.IsThrottling);
        Assert.Single(_server.LogEntries);
    }

    [Fact]
    public async Task SendAsync_ServerError_ThrowsTransientPortException()
    {
        Answer("SendMessage", 500, new Dictionary<string, string> { ["__type"] = "com.amazonaws.sqs#InternalError", ["message"] = "boom" });

        var exception = await Assert.ThrowsAsync<PortException>(() => CreateSut().SendAsync(new OutgoingMessage("hello")).AsTask());

        Assert.Equal("InternalError", exception.ErrorCode);
        Assert.True(exception.IsTransient);
    }

    [Fact]
    public async Task DeleteAsync_InvalidReceiptHandle_ThrowsPermanentPortException()
    {
        Answer("DeleteMessage", 400, new Dictionary<string, string>
        {
            ["__type"] = "com.amazonaws.sqs#ReceiptHandleIsInvalid",
            ["message"] = "The input receipt handle is invalid.",
        });

        var exception = await Assert.ThrowsAsync<PortException>(() => CreateSut().DeleteAsync("stale").AsTask());

        Assert.Equal("DeleteMessage", exception.Operation);
        Assert.Equal("ReceiptHandleIsInvalid", exception.ErrorCode);
        Assert.False(exception.IsTransient);
        Assert.Equal("stale", RequestBody(0).GetProperty("ReceiptHandle").GetString());
    }

    [Fact]
    public async Task SendBatchAsync_TransientEntryFailure_RetriesOnlyThatEntryOnce()
    {
        Answer("SendMessageBatch", 200, new
        {
            Successful = new[] { new { Id = "0", MessageId = "m-0", MD5OfMessageBody = AwsTestClients.Md5("a") } },
            Failed = new[] { new { Id = "1", Code = "InternalError", Message = "try again", SenderFault = false } },
        }, scenario: "batch", nextState: "retried");
        Answer("SendMessageBatch", 200, new
        {
            Successful = new[] { new { Id = "1", MessageId = "m-1", MD5OfMessageBody = AwsTestClients.Md5("b") } },
        }, scenario: "batch", whenState: "retried");

        var ids = await CreateSut().SendBatchAsync([new OutgoingMessage("a"), new OutgoingMessage("b")]);

        Assert.Equal(["m-0", "m-1"], ids);
        Assert.Equal(2, _server.LogEntries.Count());
        var retry = RequestBody(1).GetProperty("Entries");
        Assert.Equal(1, retry.GetArrayLength());
        Assert.Equal("1", retry[0].GetProperty("Id").GetString());
        Assert.Equal("b", retry[0].GetProperty("MessageBody").GetString());
    }

    [Fact]
    public async Task SendBatchAsync_SenderFaultEntry_ThrowsNamingTheEntryWithoutRetry()
    {
        Answer("SendMessageBatch", 200, new
        {
            Successful = new[] { new { Id = "0", MessageId = "m-0", MD5OfMessageBody = AwsTestClients.Md5("a") } },
            Failed = new[] { new { Id = "1", Code = "InvalidMessageContents", Message = "bad characters", SenderFault = true } },
        });

        var exception = await Assert.ThrowsAsync<PortException>(
            () => CreateSut().SendBatchAsync([new OutgoingMessage("a"), new OutgoingMessage("b")]).AsTask());

        Assert.Equal("SendMessageBatch", exception.Operation);
        Assert.Equal("InvalidMessageContents", exception.ErrorCode);
        Assert.False(exception.IsTransient);
        Assert.Contains("entry 1: InvalidMessageContents", exception.Message, StringComparison.Ordinal);
        Assert.Single(_server.LogEntries);
    }

    [Fact]
    public async Task SendBatchAsync_EntryStillFailingAfterRetry_ThrowsTransient()
    {
        Answer("SendMessageBatch", 200, new
        {
            Successful = Array.Empty<object>(),
            Failed = new[] { new { Id = "0", Code = "InternalError", Message = "still down", SenderFault = false } },
        });

        var exception = await Assert.ThrowsAsync<PortException>(() => CreateSut().SendBatchAsync([new OutgoingMessage("a")]).AsTask());

        Assert.True(exception.IsTransient);
        Assert.Contains("entry 0", exception.Message, StringComparison.Ordinal);
        Assert.Equal(2, _server.LogEntries.Count());
    }

    [Fact]
    public async Task SendBatchAsync_MoreThanTen_Throws()
    {
        var messages = Enumerable.Range(0, 11).Select(i => new OutgoingMessage($"m{i}")).ToArray();

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => CreateSut().SendBatchAsync(messages).AsTask());
        Assert.Empty(_server.LogEntries);
    }

    [Fact]
    public async Task ReceiveAsync_AsksForReceiveCountAndAllAttributes_MapsMessages()
    {
        Answer("ReceiveMessage", 200, new
        {
            Messages = new[]
            {
                new
                {
                    MessageId = "m-1",
                    ReceiptHandle = "r-1",
                    Body = "hello",
                    MD5OfBody = AwsTestClients.Md5("hello"),
                    Attributes = new Dictionary<string, string> { ["ApproximateReceiveCount"] = "3" },
                    MessageAttributes = new Dictionary<string, object> { ["CorrelationId"] = new { DataType = "String", StringValue = "c-1" } },
                },
            },
        });

        var messages = await CreateSut().ReceiveAsync(5, TimeSpan.FromSeconds(2));

        var message = Assert.Single(messages);
        Assert.Equal(new ReceivedMessage("m-1", "r-1", "hello", message.Attributes, 3), message);
        Assert.Equal("c-1", message.Attributes["CorrelationId"]);
        var body = RequestBody(0);
        Assert.Equal("AmazonSQS.ReceiveMessage", Header(0, "X-Amz-Target"));
        Assert.Equal(5, body.GetProperty("MaxNumberOfMessages").GetInt32());
        Assert.Equal(2, body.GetProperty("WaitTimeSeconds").GetInt32());
        Assert.Equal("ApproximateReceiveCount", body.GetProperty("MessageSystemAttributeNames")[0].GetString());
        Assert.Equal("All", body.GetProperty("MessageAttributeNames")[0].GetString());
    }

    [Fact]
    public async Task ReceiveAsync_NoMessages_ReturnsEmpty()
    {
        Answer("ReceiveMessage", 200, new { });

        var messages = await CreateSut().ReceiveAsync(1, TimeSpan.Zero);

        Assert.Empty(messages);
    }

    [Fact]
    public async Task GetDepthAsync_ReadsApproximateCounts()
    {
        Answer("GetQueueAttributes", 200, new
        {
            Attributes = new Dictionary<string, string>
            {
                ["ApproximateNumberOfMessages"] = "7",
                ["ApproximateNumberOfMessagesNotVisible"] = "2",
            },
        });

        var depth = await CreateSut().GetDepthAsync();

        Assert.Equal(new QueueDepth(7, 2), depth);
        var names = RequestBody(0).GetProperty("AttributeNames").EnumerateArray().Select(e => e.GetString()!).ToArray();
        Assert.Equal(["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"], names);
    }
}
