using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using ResilienceLab.Stack.Events;
using ResilienceLab.Stack.Telemetry;
using ResilienceLab.Stack.Tests.Fakes;

namespace ResilienceLab.Stack.Tests.Events;

public sealed class EventDrivenServiceTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _time = new(Start);
    private readonly InMemoryEventBus _bus = new();
    private readonly InMemoryQueue _dlq;
    private readonly StackTelemetry _telemetry = new();
    private readonly RecordedMeasurements _metrics;

    public EventDrivenServiceTests()
    {
        _dlq = new InMemoryQueue("order-events-dlq", _time);
        _metrics = new RecordedMeasurements(_telemetry);
    }

    [Fact]
    public async Task PublishEventAsync_BusUp_PutsDocumentsEntry()
    {
        var sut = CreateSut();

        await sut.PublishEventAsync("OrderCreated", new JsonObject { ["order_id"] = "12345" });

        var entry = Assert.Single(_bus.Delivered);
        Assert.Equal("order-service", entry.Source);
        Assert.Equal("OrderCreated", entry.DetailType);
        Assert.Equal("loose-coupling-events", entry.EventBusName);
        var detail = JsonNode.Parse(entry.Detail)!;
        Assert.Equal("12345", detail["order_id"]!.GetValue<string>());
        Assert.Equal("order-service", detail["service_name"]!.GetValue<string>());
        Assert.Equal(Start, DateTimeOffset.Parse(detail["timestamp"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(new OutboxStats(1, 0, 0, 0, 0), sut.Outbox);
    }

    [Theory]
    [InlineData("detail")]
    [InlineData("Detail")]
    public async Task ProcessEventAsync_HandlerChangesTheDetailThenThrows_DlqGetsTheEventAsItArrived(string detailKey)
    {
        var sut = CreateSut();
        JsonObject? handled = null;
        sut.RegisterEventHandler("OrderCreated", (detail, _) =>
        {
            handled = detail;
            detail["order_id"] = "changed";
            throw new InvalidOperationException("inventory unavailable");
        });
        var envelope = $$$"""{"source":"order-service","detail-type":"OrderCreated","{{{detailKey}}}":{"order_id":"12345"}}""";

        await Assert.ThrowsAsync<EventProcessingException>(() => sut.ProcessEventAsync(envelope).AsTask());

        Assert.Equal("changed", handled!["order_id"]!.GetValue<string>());
        var message = JsonNode.Parse(Assert.Single(_dlq.Bodies))!.AsObject();
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(envelope), message["original_event"]));
    }

    [Fact]
    public async Task ProcessEventAsync_HandlerThrows_SendsDocumentsFieldsToDlqThenThrows()
    {
        var sut = CreateSut();
        sut.RegisterEventHandler("OrderCreated", (_, _) => throw new InvalidOperationException("inventory unavailable"));
        var envelope = """{"source":"order-service","detail-type":"OrderCreated","detail":{"order_id":"12345"}}""";

        var ex = await Assert.ThrowsAsync<EventProcessingException>(() => sut.ProcessEventAsync(envelope).AsTask());

        Assert.True(ex.DeadLettered);
        Assert.Equal("OrderCreated", ex.EventType);
        Assert.IsType<InvalidOperationException>(ex.InnerException);
        var message = JsonNode.Parse(Assert.Single(_dlq.Bodies))!.AsObject();
        Assert.Equal(["original_event", "error_message", "failed_at", "service_name"], message.Select(p => p.Key));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(envelope), message["original_event"]));
        Assert.Equal("inventory unavailable", message["error_message"]!.GetValue<string>());
        Assert.Equal(Start, DateTimeOffset.Parse(message["failed_at"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("order-service", message["service_name"]!.GetValue<string>());
        Assert.Equal(1, sut.DeadLettered);
        Assert.Equal(1, _metrics.Sum(StackInstruments.DeadLetterSends, ("queue", "order-events-dlq")));
    }

    [Fact]
    public async Task ProcessEventAsync_AskedNotToDeadLetter_ThrowsWithoutSending()
    {
        var sut = CreateSut();
        sut.RegisterEventHandler("OrderCreated", (_, _) => throw new InvalidOperationException("boom"));

        var ex = await Assert.ThrowsAsync<EventProcessingException>(() => sut.ProcessEventAsync("""{"detail-type":"OrderCreated","detail":{}}""", sendToDeadLetterQueue: false).AsTask());

        Assert.False(ex.DeadLettered);
        Assert.Equal(0, _dlq.Count);
    }

    [Fact]
    public async Task ProcessEventAsync_DlqUnavailable_ThrowsNotDeadLetteredAndCounts()
    {
        var sut = CreateSut();
        _dlq.Unavailable = true;
        sut.RegisterEventHandler("OrderCreated", (_, _) => throw new InvalidOperationException("boom"));

        var ex = await Assert.ThrowsAsync<EventProcessingException>(() => sut.ProcessEventAsync("""{"detail-type":"OrderCreated","detail":{}}""").AsTask());

        Assert.False(ex.DeadLettered);
        Assert.Equal(1, sut.DeadLetterSendFailures);
    }

    [Fact]
    public async Task ProcessEventAsync_DocumentShapeWithDetailString_CallsHandlerWithData()
    {
        var sut = CreateSut();
        JsonObject? seen = null;
        sut.RegisterEventHandler("OrderCreated", (data, _) =>
        {
            seen = data;
            return ValueTask.CompletedTask;
        });

        await sut.ProcessEventAsync("""{"DetailType":"OrderCreated","Detail":"{\"order_id\":\"7\"}"}""");

        Assert.Equal("7", seen!["order_id"]!.GetValue<string>());
        Assert.Equal(1, sut.Processed);
    }

    [Fact]
    public async Task ProcessEventAsync_NoHandler_SkipsAndCountsUnhandled()
    {
        var sut = CreateSut();

        await sut.ProcessEventAsync("""{"detail-type":"Unknown","detail":{}}""");

        Assert.Equal(1, sut.Unhandled);
        Assert.Equal(0, _dlq.Count);
    }

    [Fact]
    public async Task ProcessEventAsync_UnreadableEvent_DeadLettersRawTextAndThrows()
    {
        var sut = CreateSut();

        var ex = await Assert.ThrowsAsync<EventProcessingException>(() => sut.ProcessEventAsync("not json").AsTask());

        Assert.True(ex.DeadLettered);
        Assert.Null(ex.EventType);
        Assert.Equal("not json", JsonNode.Parse(Assert.Single(_dlq.Bodies))!["original_event"]!.GetValue<string>());
    }

    [Fact]
    public async Task PublishEventAsync_BusDown_BuffersThenFlushDeliversAllLater()
    {
        var sut = CreateSut();
        _bus.Unavailable = true;

        for (var i = 0; i < 3; i++)
        {
            await sut.PublishEventAsync("WorkflowCompleted", new JsonObject { ["n"] = i });
        }

        Assert.Equal(new OutboxStats(0, 3, 3, 0, 0), sut.Outbox);
        _bus.Unavailable = false;
        var delivered = await sut.FlushOutboxAsync();

        Assert.Equal(3, delivered);
        Assert.Equal([0, 1, 2], _bus.Delivered.Select(e => JsonNode.Parse(e.Detail)!["n"]!.GetValue<int>()));
        Assert.Equal(new OutboxStats(0, 3, 0, 3, 0), sut.Outbox);
        Assert.Equal(0, sut.Outbox.Lost);
        Assert.Equal(3, _metrics.Sum(StackInstruments.Events, ("stage", "delivered_late")));
    }

    [Fact]
    public async Task PublishEventAsync_EntryFailedInsideSuccessfulPut_Buffers()
    {
        var sut = CreateSut();
        _bus.FailEntries = true;

        await sut.PublishEventAsync("WorkflowCompleted", []);

        Assert.Equal(1, sut.Outbox.Pending);
    }

    [Fact]
    public async Task PublishEventAsync_WhileOutboxBacksOff_BuffersWithoutCallingBus()
    {
        var sut = CreateSut();
        _bus.Unavailable = true;
        await sut.PublishEventAsync("A", []);

        await sut.PublishEventAsync("B", []);

        Assert.Equal(1, _bus.Calls);
        Assert.Equal(2, sut.Outbox.Pending);
    }

    [Fact]
    public async Task IsOutboxFlushDue_AfterConsecutiveFailures_BacksOffExponentially()
    {
        var sut = CreateSut();
        _bus.Unavailable = true;
        await sut.PublishEventAsync("A", []);

        _time.Advance(TimeSpan.FromMilliseconds(999));
        Assert.False(sut.IsOutboxFlushDue);
        _time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.True(sut.IsOutboxFlushDue);
        await sut.FlushOutboxAsync();
        _time.Advance(TimeSpan.FromMilliseconds(1999));
        Assert.False(sut.IsOutboxFlushDue);
        _time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.True(sut.IsOutboxFlushDue);
    }

    [Fact]
    public async Task PublishEventAsync_ManyFailingTogether_BackOffOnceNotOncePerPublish()
    {
        // Fifty publishes are in flight when the bus goes down: one outage, so one step of backoff (1 s), not fifty
        // (which would reach the 30 s maximum and keep the outbox shut long after the bus is back).
        var sut = CreateSut();
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _bus.Gate = gate.Task;
        _bus.Unavailable = true;
        var publishes = Enumerable.Range(0, 50).Select(i => sut.PublishEventAsync("WorkflowCompleted", new JsonObject { ["n"] = i }).AsTask()).ToList();
        gate.SetResult();
        await Task.WhenAll(publishes);

        Assert.Equal(50, sut.Outbox.Pending);
        _time.Advance(TimeSpan.FromMilliseconds(999));
        Assert.False(sut.IsOutboxFlushDue);
        _time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.True(sut.IsOutboxFlushDue);
    }

    [Fact]
    public async Task PublishEventAsync_OutboxFull_DropsAndCounts()
    {
        var sut = CreateSut(outboxCapacity: 2);
        _bus.Unavailable = true;

        for (var i = 0; i < 5; i++)
        {
            await sut.PublishEventAsync("A", []);
        }

        Assert.Equal(new OutboxStats(0, 2, 2, 0, 3), sut.Outbox);
        Assert.Equal(3, sut.Outbox.Lost);
    }

    [Fact]
    public async Task PublishEventAsync_OutboxOff_ThrowsAsDocument()
    {
        var sut = CreateSut(outboxCapacity: 0);
        _bus.Unavailable = true;

        var ex = await Assert.ThrowsAsync<EventPublishException>(() => sut.PublishEventAsync("OrderCreated", []).AsTask());

        Assert.Equal("OrderCreated", ex.EventType);
    }

    [Fact]
    public async Task StartOutboxPump_BusBackAfterOutage_DeliversWhenBackoffElapsed()
    {
        var sut = CreateSut();
        _bus.Unavailable = true;
        await sut.PublishEventAsync("WorkflowCompleted", []);
        _bus.Unavailable = false;
        using var stop = new CancellationTokenSource();
        var pump = sut.StartOutboxPump(TimeSpan.FromSeconds(2), stop.Token);

        _time.Advance(TimeSpan.FromSeconds(2));
        await _bus.WaitForDeliveredAsync(1).WaitAsync(TimeSpan.FromSeconds(30));
        await stop.CancelAsync();
        await pump.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(new OutboxStats(0, 1, 0, 1, 0), sut.Outbox);
    }

    public void Dispose()
    {
        _metrics.Dispose();
        _telemetry.Dispose();
    }

    private EventDrivenService CreateSut(int outboxCapacity = 100) => new(
        new EventServiceOptions { Name = "order-service", OutboxCapacity = outboxCapacity, OutboxBaseDelay = TimeSpan.FromSeconds(1), OutboxMaxDelay = TimeSpan.FromSeconds(30) },
        _bus,
        _time,
        _dlq,
        _telemetry);
}
