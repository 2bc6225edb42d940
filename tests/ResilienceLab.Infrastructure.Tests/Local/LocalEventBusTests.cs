using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using ResilienceLab.Infrastructure.Local;
using ResilienceLab.Infrastructure.Local.EventPatterns;
using ResilienceLab.Stack.Ports;

namespace ResilienceLab.Infrastructure.Tests.Local;

public sealed class LocalEventBusTests
{
    private const string BusName = "lab-events-test";

    private readonly FakeTimeProvider time = new(new DateTimeOffset(2025, 3, 4, 5, 6, 7, TimeSpan.Zero));

    private LocalEventBus CreateSut() => new(BusName, time, "eu-west-1", aliases: ["events"]);

    private static EventEntry Entry(string source = "order-service", string detailType = "Order Created", string detail = """{"order_id":"ORD-1","total_amount":42}""") =>
        new(source, detailType, detail, BusName);

    [Fact]
    public async Task PutEventsAsync_MatchingRule_DeliversEventBridgeEnvelopeToQueue()
    {
        var sut = CreateSut();
        var queue = new LocalMessageQueue("order-processing", time);
        sut.PutRule("order-events", """{"source":["order-service"],"detail-type":["Order Created"]}""");
        sut.AddQueueTarget("order-events", queue);

        var result = await sut.PutEventsAsync([Entry()]);

        Assert.Equal(0, result.FailedEntryCount);
        var message = Assert.Single(await queue.ReceiveAsync(10, TimeSpan.Zero));
        using var envelope = JsonDocument.Parse(message.Body);
        var root = envelope.RootElement;
        Assert.Equal("0", root.GetProperty("version").GetString());
        Assert.Equal(result.Entries[0].EventId, root.GetProperty("id").GetString());
        Assert.Equal("Order Created", root.GetProperty("detail-type").GetString());
        Assert.Equal("order-service", root.GetProperty("source").GetString());
        Assert.Equal(LocalEventBus.LocalAccountId, root.GetProperty("account").GetString());
        Assert.Equal("2025-03-04T05:06:07Z", root.GetProperty("time").GetString());
        Assert.Equal("eu-west-1", root.GetProperty("region").GetString());
        Assert.Equal(0, root.GetProperty("resources").GetArrayLength());
        Assert.Equal("ORD-1", root.GetProperty("detail").GetProperty("order_id").GetString());
        Assert.Equal(1, sut.MatchedEvents);
    }

    [Fact]
    public async Task PutEventsAsync_TwoRules_RoutesEachEventOnlyWhereItsPatternMatches()
    {
        var sut = CreateSut();
        var big = new LocalMessageQueue("big-orders", time);
        var cancelled = new LocalMessageQueue("cancellations", time);
        sut.PutRule("big", """{"detail":{"total_amount":[{"numeric":[">",100]}]}}""");
        sut.AddQueueTarget("big", big);
        sut.PutRule("cancelled", """{"detail-type":["Order Cancelled"]}""");
        sut.AddQueueTarget("cancelled", cancelled);

        await sut.PutEventsAsync([
            Entry(detail: """{"total_amount":500}"""),
            Entry(detail: """{"total_amount":5}"""),
            Entry(detailType: "Order Cancelled", detail: """{"total_amount":700}"""),
        ]);

        Assert.Equal(2, (await big.GetDepthAsync()).Visible);
        Assert.Equal(1, (await cancelled.GetDepthAsync()).Visible);
        Assert.Equal(2, sut.MatchedEvents);
    }

    [Fact]
    public async Task PutEventsAsync_NoRuleMatches_SucceedsAndDeliversNothing()
    {
        var sut = CreateSut();
        var queue = new LocalMessageQueue("q", time);
        sut.PutRule("payments", """{"source":["payment-service"]}""");
        sut.AddQueueTarget("payments", queue);

        var result = await sut.PutEventsAsync([Entry()]);

        Assert.False(result.Entries[0].Failed);
        Assert.Equal(0, (await queue.GetDepthAsync()).Total);
    }

    [Fact]
    public async Task PutEventsAsync_HandlerTarget_GetsEventJson()
    {
        var sut = CreateSut();
        var seen = new ConcurrentQueue<string>();
        sut.PutRule("orders", """{"source":["order-service"]}""");
        sut.AddHandlerTarget("orders", (json, _) =>
        {
            seen.Enqueue(json);
            return ValueTask.CompletedTask;
        });

        await sut.PutEventsAsync([Entry(), Entry()]);
        await sut.DrainAsync();

        Assert.Equal(2, seen.Count);
        Assert.All(seen, json => Assert.True(EventPatternTester.Test("""{"detail":{"order_id":["ORD-1"]}}""", json)));
    }

    [Fact]
    public async Task PutEventsAsync_HandlerThrows_EntrySucceedsAndFailedInvocationsCounts()
    {
        var sut = CreateSut();
        sut.PutRule("orders", """{"source":["order-service"]}""");
        sut.AddHandlerTarget("orders", (_, _) => throw new InvalidOperationException("consumer down"));

        var result = await sut.PutEventsAsync([Entry()]);
        await sut.DrainAsync();

        Assert.Equal(0, result.FailedEntryCount);
        Assert.Equal(1, sut.FailedInvocations);
    }

    [Fact]
    public async Task PutEventsAsync_OneDetailNotJson_FailsThatEntryOnly()
    {
        var sut = CreateSut();
        var queue = new LocalMessageQueue("q", time);
        sut.PutRule("all", """{"source":["order-service"]}""");
        sut.AddQueueTarget("all", queue);

        var result = await sut.PutEventsAsync([Entry(), Entry(detail: "{not json"), Entry(detail: "[1,2]"), Entry()]);

        Assert.Equal(2, result.FailedEntryCount);
        Assert.Equal([false, true, true, false], result.Entries.Select(e => e.Failed));
        Assert.Equal("MalformedDetail", result.Entries[1].ErrorCode);
        Assert.Equal("MalformedDetail", result.Entries[2].ErrorCode);
        Assert.Null(result.Entries[1].EventId);
        Assert.NotNull(result.Entries[3].EventId);
        Assert.Equal(2, (await queue.GetDepthAsync()).Visible);
    }

    [Theory]
    [InlineData("", "Order Created", BusName)]
    [InlineData("order-service", "", BusName)]
    [InlineData("order-service", "Order Created", "some-other-bus")]
    public async Task PutEventsAsync_InvalidEntry_FailsWithInvalidArgument(string source, string detailType, string busName)
    {
        var result = await CreateSut().PutEventsAsync([new EventEntry(source, detailType, "{}", busName)]);

        Assert.Equal(1, result.FailedEntryCount);
        Assert.Equal("InvalidArgument", result.Entries[0].ErrorCode);
    }

    [Theory]
    [InlineData("events")]
    [InlineData("arn:aws:events:eu-west-1:000000000000:event-bus/lab-events-test")]
    [InlineData("")]
    public async Task PutEventsAsync_BusNamedByAliasArnOrNothing_IsAccepted(string busName)
    {
        var result = await CreateSut().PutEventsAsync([new EventEntry("s", "t", "{}", busName)]);

        Assert.Equal(0, result.FailedEntryCount);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(11)]
    public async Task PutEventsAsync_EntryCountOutsideOneToTen_ThrowsValidationException(int count)
    {
        var entries = Enumerable.Range(0, count).Select(_ => Entry()).ToList();

        var error = await Assert.ThrowsAsync<PortException>(async () => await CreateSut().PutEventsAsync(entries));

        Assert.Equal("ValidationException", error.ErrorCode);
    }

    [Fact]
    public void PutRule_InvalidPattern_ThrowsEventPatternException()
    {
        Assert.Throws<EventPatternException>(() => CreateSut().PutRule("bad", """{"source":"x"}"""));
    }

    [Fact]
    public void AddQueueTarget_UnknownRule_ThrowsNamingIt()
    {
        var error = Assert.Throws<InvalidOperationException>(() => CreateSut().AddQueueTarget("missing", new LocalMessageQueue("q", time)));

        Assert.Contains("'missing'", error.Message);
    }

    [Fact]
    public async Task RemoveRule_Removed_StopsDelivery()
    {
        var sut = CreateSut();
        var queue = new LocalMessageQueue("q", time);
        sut.PutRule("all", """{"source":["order-service"]}""");
        sut.AddQueueTarget("all", queue);

        Assert.True(sut.RemoveRule("all"));
        await sut.PutEventsAsync([Entry()]);

        Assert.Equal(0, (await queue.GetDepthAsync()).Total);
    }
}
