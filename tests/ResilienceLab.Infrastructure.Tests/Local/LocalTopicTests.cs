using Microsoft.Extensions.Time.Testing;
using ResilienceLab.Infrastructure.Local;
using ResilienceLab.Stack.Ports;

namespace ResilienceLab.Infrastructure.Tests.Local;

public sealed class LocalTopicTests
{
    private readonly FakeTimeProvider time = new();

    private static LocalTopic CreateSut() => new("order-events");

    [Fact]
    public async Task PublishAsync_ThreeSubscribedQueues_EachGetsEveryMessage()
    {
        var sut = CreateSut();
        var queues = Enumerable.Range(0, 3).Select(i => new LocalMessageQueue($"q{i}", time)).ToList();
        queues.ForEach(sut.Subscribe);

        await sut.PublishAsync("first", new Dictionary<string, string> { ["EventType"] = "OrderCreated" });
        await sut.PublishAsync("second");

        foreach (var queue in queues)
        {
            var received = await queue.ReceiveAsync(10, TimeSpan.Zero);
            Assert.Equal(["first", "second"], received.Select(m => m.Body));
            Assert.Equal("OrderCreated", received[0].Attributes["EventType"]);
        }
    }

    [Fact]
    public async Task Subscribe_SameQueueTwice_DeliversOnce()
    {
        var sut = CreateSut();
        var queue = new LocalMessageQueue("q", time);
        sut.Subscribe(queue);
        sut.Subscribe(queue);

        await sut.PublishAsync("m");

        Assert.Single(await queue.ReceiveAsync(10, TimeSpan.Zero));
    }

    [Fact]
    public async Task Unsubscribe_RemovedQueue_GetsNothing()
    {
        var sut = CreateSut();
        var kept = new LocalMessageQueue("kept", time);
        var removed = new LocalMessageQueue("removed", time);
        sut.Subscribe(kept);
        sut.Subscribe(removed);

        Assert.True(sut.Unsubscribe(removed));
        await sut.PublishAsync("m");

        Assert.Single(await kept.ReceiveAsync(10, TimeSpan.Zero));
        Assert.Empty(await removed.ReceiveAsync(10, TimeSpan.Zero));
    }

    [Fact]
    public async Task PublishAsync_OneSubscriptionFails_OthersStillGetItAndPublishThrows()
    {
        var sut = CreateSut();
        var healthy = new LocalMessageQueue("healthy", time);
        sut.Subscribe(new FailingQueue());
        sut.Subscribe(healthy);

        var error = await Assert.ThrowsAsync<PortException>(async () => await sut.PublishAsync("m"));

        Assert.Equal("ServiceUnavailable", error.ErrorCode);
        Assert.True(error.IsTransient);
        Assert.Single(await healthy.ReceiveAsync(10, TimeSpan.Zero));
    }

    private sealed class FailingQueue : IMessageQueue
    {
        public string Name => "failing";

        public ValueTask<string> SendAsync(OutgoingMessage message, CancellationToken cancellationToken = default) =>
            throw new PortException("SendMessage", "ServiceUnavailable", "down", isTransient: true);

        public ValueTask<IReadOnlyList<string>> SendBatchAsync(IReadOnlyList<OutgoingMessage> messages, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public ValueTask<IReadOnlyList<ReceivedMessage>> ReceiveAsync(int maxMessages, TimeSpan waitTime, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public ValueTask DeleteAsync(string receiptHandle, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public ValueTask<QueueDepth> GetDepthAsync(CancellationToken cancellationToken = default) => throw new NotSupportedException();
    }
}
