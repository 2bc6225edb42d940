using Microsoft.Extensions.Time.Testing;
using ResilienceLab.Infrastructure.Aws;
using ResilienceLab.Stack.Ports;
using WireMock.Matchers;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace ResilienceLab.Infrastructure.Tests.Aws;

public sealed class SnsClientTests : IDisposable
{
    private const string TopicArn = "arn:aws:sns:us-east-1:000000000000:lab-orders-test";
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

    private SnsClient CreateSut() => new(_http, new Uri(_server.Url! + "/"), "us-east-1", AwsTestClients.Credentials, _time, AwsTestClients.Calls(_time));

    private void Answer(string action, string result, int status = 200, string? bodyContains = null) =>
        _server.Given(Request.Create().WithPath("/").UsingPost().WithBody(new WildcardMatcher($"Action={action}&*{bodyContains}*")))
            .AtPriority(bodyContains is null ? 10 : 1)
            .RespondWith(Response.Create().WithStatusCode(status).WithHeader("Content-Type", "text/xml").WithBody(status == 200
                ? $"""<{action}Response xmlns="http://sns.amazonaws.com/doc/2010-03-31/"><{action}Result>{result}</{action}Result><ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></{action}Response>"""
                : result));

    private WireMock.IRequestMessage Logged(int index) => _server.LogEntries.ElementAt(index).RequestMessage!;

    private static string Header(WireMock.IRequestMessage request, string name) =>
        request.Headers!.First(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Value.ToString()!;

    [Fact]
    public async Task CreateTopicAsync_SendsSignedFormWithTags_ReturnsArn()
    {
        Answer("CreateTopic", $"<TopicArn>{TopicArn}</TopicArn>");

        var arn = await CreateSut().CreateTopicAsync("lab-orders-test", new Dictionary<string, string> { ["CreatedBy"] = "resilience-lab" });

        Assert.Equal(TopicArn, arn);
        var request = Logged(0);
        Assert.Equal("Action=CreateTopic&Version=2010-03-31&Name=lab-orders-test&Tags.member.1.Key=CreatedBy&Tags.member.1.Value=resilience-lab", request.Body);
        Assert.StartsWith("application/x-www-form-urlencoded", Header(request, "Content-Type"), StringComparison.Ordinal);
        Assert.StartsWith("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20250102/us-east-1/sns/aws4_request, SignedHeaders=content-type;host;x-amz-date, Signature=", Header(request, "Authorization"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PublishAsync_WithAttributes_EncodesEachAsAStringAttribute()
    {
        Answer("Publish", "<MessageId>m-1</MessageId>");

        var id = await new SnsTopic(CreateSut(), "orders", TopicArn).PublishAsync("""{"a":"b c"}""", new Dictionary<string, string> { ["ResilienceLabMessageId"] = "run/1" });

        Assert.Equal("m-1", id);
        Assert.Equal(
            "Action=Publish&Version=2010-03-31&TopicArn=arn%3Aaws%3Asns%3Aus-east-1%3A000000000000%3Alab-orders-test&Message=%7B%22a%22%3A%22b%20c%22%7D"
            + "&MessageAttributes.entry.1.Name=ResilienceLabMessageId&MessageAttributes.entry.1.Value.DataType=String&MessageAttributes.entry.1.Value.StringValue=run%2F1",
            Logged(0).Body);
    }

    [Fact]
    public async Task ListTopicsAsync_TwoPages_FollowsNextToken()
    {
        Answer("ListTopics", $"<Topics><member><TopicArn>{TopicArn}-2</TopicArn></member></Topics>", bodyContains: "NextToken=page2");
        Answer("ListTopics", $"<Topics><member><TopicArn>{TopicArn}</TopicArn></member></Topics><NextToken>page2</NextToken>");
        var sut = CreateSut();

        Assert.Equal([TopicArn, TopicArn + "-2"], await sut.ListTopicsAsync());
        Assert.Equal(TopicArn, await sut.FindTopicArnAsync("lab-orders-test"));
        Assert.Null(await sut.FindTopicArnAsync("lab-orders"));
    }

    [Fact]
    public async Task SubscriptionsAndTags_ParsedFromTheirMembers()
    {
        Answer("ListSubscriptionsByTopic", $"<Subscriptions><member><SubscriptionArn>{TopicArn}:s-1</SubscriptionArn><Protocol>sqs</Protocol><Endpoint>arn:aws:sqs:us-east-1:0:q</Endpoint><Owner>0</Owner></member></Subscriptions>");
        Answer("ListTagsForResource", "<Tags><member><Key>CreatedBy</Key><Value>resilience-lab</Value></member></Tags>");
        var sut = CreateSut();

        var subscription = Assert.Single(await sut.ListSubscriptionsByTopicAsync(TopicArn));
        var tags = await sut.ListTagsForResourceAsync(TopicArn);

        Assert.Equal(new SnsSubscription($"{TopicArn}:s-1", "sqs", "arn:aws:sqs:us-east-1:0:q"), subscription);
        Assert.Equal("resilience-lab", tags["CreatedBy"]);
    }

    [Fact]
    public async Task ErrorAnswer_BecomesPortExceptionWithTheCode()
    {
        Answer("DeleteTopic", """<ErrorResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/"><Error><Type>Sender</Type><Code>NotFound</Code><Message>Topic does not exist</Message></Error><RequestId>r</RequestId></ErrorResponse>""", status: 404);

        var exception = await Assert.ThrowsAsync<PortException>(() => CreateSut().DeleteTopicAsync(TopicArn));

        Assert.Equal(SnsClient.NotFound, exception.ErrorCode);
        Assert.Equal("DeleteTopic failed: NotFound (404): Topic does not exist", exception.Message);
        Assert.False(exception.IsTransient);
    }

    [Fact]
    public async Task Throttled_IsTransient()
    {
        Answer("Publish", """<ErrorResponse><Error><Type>Sender</Type><Code>Throttling</Code><Message>Rate exceeded</Message></Error></ErrorResponse>""", status: 400);

        var exception = await Assert.ThrowsAsync<PortException>(() => CreateSut().PublishAsync(TopicArn, "x"));

        Assert.True(exception.IsTransient);
        Assert.True(exception.IsThrottling);
    }
}
