using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using ResilienceLab.Stack.Discovery;
using ResilienceLab.Stack.Ports;
using ResilienceLab.Stack.Services;
using ResilienceLab.Stack.Tests.Fakes;

namespace ResilienceLab.Stack.Tests.Services;

public sealed class ResponseCorrelatorTests
{
    private readonly FakeTimeProvider _time = new();
    private readonly InMemoryQueue _replies;

    public ResponseCorrelatorTests() => _replies = new InMemoryQueue("orders-replies", _time);

    [Fact]
    public async Task WaitForResponseAsync_ReplyWithCorrelationIdArrives_ReturnsItAndDeletesMessage()
    {
        var requests = new InMemoryQueue("orders-requests", _time);
        using var http = new HttpClient(StubHttpHandler.Always(HttpStatusCode.OK));
        var client = new AsyncServiceClient(new ServiceOptions { Name = "orders" }, new ServiceRegistry(), http, _time, new Random(42).NextDouble, requestQueue: requests);
        var accepted = await client.CallAsync(new JsonObject { ["order_id"] = "1" });
        var sut = CreateSut();

        var wait = sut.WaitForResponseAsync(accepted.CorrelationId!, TimeSpan.FromSeconds(5));
        await _replies.SendAsync(new OutgoingMessage("""{"status":"shipped"}""", new Dictionary<string, string> { ["CorrelationId"] = accepted.CorrelationId! }));
        await sut.PollOnceAsync();
        var response = await wait;

        Assert.Equal("shipped", response.Body!["status"]!.GetValue<string>());
        Assert.Equal(0, _replies.Count);
        Assert.Equal(1, sut.Matched);
        Assert.Equal(0, sut.Waiting);
    }

    [Fact]
    public async Task WaitForResponseAsync_ReplyArrivedFirstWithIdInBody_ReturnsAtOnce()
    {
        var sut = CreateSut();
        await _replies.SendAsync(new OutgoingMessage("""{"correlation_id":"orders_00000007","status":"ok"}"""));
        await sut.PollOnceAsync();

        var response = await sut.WaitForResponseAsync("orders_00000007", TimeSpan.FromSeconds(5));

        Assert.Equal("ok", response.Body!["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task WaitForResponseAsync_NoReplyWithinTimeout_ThrowsResponseTimeout()
    {
        var sut = CreateSut();

        var wait = sut.WaitForResponseAsync("orders_00000001", TimeSpan.FromSeconds(5));
        _time.Advance(TimeSpan.FromSeconds(5));
        var ex = await Assert.ThrowsAsync<ResponseTimeoutException>(() => wait);

        Assert.Equal("orders_00000001", ex.CorrelationId);
        Assert.Equal(1, sut.TimedOut);
        Assert.Equal(0, sut.Waiting);
    }

    [Fact]
    public async Task PollOnceAsync_EarlyRepliesBeyondBound_DiscardsOldest()
    {
        var sut = CreateSut(maxEarly: 1);
        await _replies.SendAsync(new OutgoingMessage("""{"correlation_id":"a"}"""));
        await _replies.SendAsync(new OutgoingMessage("""{"correlation_id":"b"}"""));

        await sut.PollOnceAsync();

        Assert.Equal(1, sut.Discarded);
        Assert.Equal("b", (await sut.WaitForResponseAsync("b", TimeSpan.FromSeconds(1))).CorrelationId);
    }

    private ResponseCorrelator CreateSut(int maxEarly = 1000) =>
        new(_replies, _time, new ResponseCorrelatorOptions { WaitTime = TimeSpan.Zero, MaxEarlyResponses = maxEarly });
}
