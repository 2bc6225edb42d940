using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using ResilienceLab.Stack.Events;
using ResilienceLab.Stack.Ports;
using ResilienceLab.Stack.Tests.Fakes;

namespace ResilienceLab.Stack.Tests.Events;

public sealed class QueueEventConsumerTests
{
    private const string Poison = """{"detail-type":"OrderCreated","detail":{"order_id":"bad"}}""";
    private readonly FakeTimeProvider _time = new();
    private readonly InMemoryQueue _queueDlq;
    private readonly InMemoryQueue _queue;
    private readonly InMemoryQueue _serviceDlq;
    private readonly EventDrivenService _service;

    public QueueEventConsumerTests()
    {
        _queueDlq = new InMemoryQueue("order-events-dlq", _time);
        _queue = new InMemoryQueue("order-events", _time, TimeSpan.FromSeconds(30), _queueDlq, maxReceiveCount: 3);
        _serviceDlq = new InMemoryQueue("order-service-dlq", _time);
        _service = new EventDrivenService(new EventServiceOptions { Name = "order-service" }, new InMemoryEventBus(), _time, _serviceDlq);
        _service.RegisterEventHandler("OrderCreated", (data, _) =>
            data["order_id"]!.GetValue<string>() == "bad" ? throw new InvalidOperationException("cannot ship") : ValueTask.CompletedTask);
    }

    [Fact]
    public async Task PollOnceAsync_HandlerSucceeds_DeletesMessage()
    {
        var sut = CreateSut(DeadLetterMode.QueueRedrive);
        await _queue.SendAsync(new OutgoingMessage("""{"detail-type":"OrderCreated","detail":{"order_id":"1"}}"""));

        var received = await sut.PollOnceAsync();

        Assert.Equal(1, received);
        Assert.Equal(1, sut.Processed);
        Assert.Equal(0, _queue.Count);
    }

    [Fact]
    public async Task PollOnceAsync_QueueRedrivePoisonMessage_LeftForRedriveThenInQueueDlq()
    {
        var sut = CreateSut(DeadLetterMode.QueueRedrive);
        await _queue.SendAsync(new OutgoingMessage(Poison));

        for (var receive = 0; receive < 4; receive++)
        {
            await sut.PollOnceAsync();
            _time.Advance(TimeSpan.FromSeconds(30));
        }

        Assert.Equal(3, sut.Failed);
        Assert.Equal(0, sut.DeadLettered);
        Assert.Equal(0, _queue.Count);
        Assert.Equal(Poison, Assert.Single(_queueDlq.Bodies));
        Assert.Equal(0, _serviceDlq.Count);
    }

    [Fact]
    public async Task PollOnceAsync_ServiceDlqPoisonMessage_SentByServiceAndDeleted()
    {
        var sut = CreateSut(DeadLetterMode.ServiceDlq);
        await _queue.SendAsync(new OutgoingMessage(Poison));

        await sut.PollOnceAsync();

        Assert.Equal(1, sut.Failed);
        Assert.Equal(1, sut.DeadLettered);
        Assert.Equal(0, _queue.Count);
        Assert.Equal(0, _queueDlq.Count);
        var message = JsonNode.Parse(Assert.Single(_serviceDlq.Bodies))!;
        Assert.Equal("cannot ship", message["error_message"]!.GetValue<string>());
    }

    [Fact]
    public async Task PollOnceAsync_ServiceDlqUnavailable_LeavesMessageForQueueRedrive()
    {
        var sut = CreateSut(DeadLetterMode.ServiceDlq);
        _serviceDlq.Unavailable = true;
        await _queue.SendAsync(new OutgoingMessage(Poison));

        await sut.PollOnceAsync();

        Assert.Equal(0, sut.DeadLettered);
        Assert.Equal(1, _queue.Count);
    }

    [Fact]
    public async Task RunAsync_MessageArrivesDuringLongPoll_ProcessesItAndStopsOnCancel()
    {
        var handled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _service.RegisterEventHandler("Ping", (_, _) =>
        {
            handled.TrySetResult();
            return ValueTask.CompletedTask;
        });
        var sut = new QueueEventConsumer(_queue, _service, _time, new QueueEventConsumerOptions { WaitTime = TimeSpan.FromSeconds(20) });
        using var stop = new CancellationTokenSource();
        var run = sut.RunAsync(stop.Token);

        await _queue.SendAsync(new OutgoingMessage("""{"detail-type":"Ping","detail":{}}"""));
        await handled.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await stop.CancelAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(1, sut.Received);
    }

    private QueueEventConsumer CreateSut(DeadLetterMode mode) =>
        new(_queue, _service, _time, new QueueEventConsumerOptions { DeadLetterMode = mode, WaitTime = TimeSpan.Zero });
}
