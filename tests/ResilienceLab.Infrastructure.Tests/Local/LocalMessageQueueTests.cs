using Microsoft.Extensions.Time.Testing;
using ResilienceLab.Infrastructure.Local;
using ResilienceLab.Stack.Ports;

namespace ResilienceLab.Infrastructure.Tests.Local;

public sealed class LocalMessageQueueTests
{
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero));

    private LocalMessageQueue CreateSut(LocalQueueOptions? options = null, string name = "orders") =>
        new(name, time, options ?? new LocalQueueOptions { VisibilityTimeout = TimeSpan.FromSeconds(30) });

    [Fact]
    public async Task SendAsync_ThenReceive_ReturnsBodyAttributesAndFirstReceiveCount()
    {
        var sut = CreateSut();
        var attributes = new Dictionary<string, string> { ["CorrelationId"] = "c-1" };

        var id = await sut.SendAsync(new OutgoingMessage("hello", attributes));
        var received = await sut.ReceiveAsync(10, TimeSpan.Zero);

        var message = Assert.Single(received);
        Assert.Equal(id, message.MessageId);
        Assert.Equal("hello", message.Body);
        Assert.Equal("c-1", message.Attributes["CorrelationId"]);
        Assert.Equal(1, message.ReceiveCount);
    }

    [Fact]
    public async Task ReceiveAsync_MessageInFlight_IsInvisibleUntilVisibilityTimeoutThenRedelivered()
    {
        var sut = CreateSut();
        await sut.SendAsync(new OutgoingMessage("m"));
        var first = Assert.Single(await sut.ReceiveAsync(1, TimeSpan.Zero));

        time.Advance(TimeSpan.FromSeconds(29));
        Assert.Empty(await sut.ReceiveAsync(1, TimeSpan.Zero));
        Assert.Equal(new QueueDepth(0, 1), await sut.GetDepthAsync());

        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(new QueueDepth(1, 0), await sut.GetDepthAsync());
        var second = Assert.Single(await sut.ReceiveAsync(1, TimeSpan.Zero));

        Assert.Equal(first.MessageId, second.MessageId);
        Assert.Equal(2, second.ReceiveCount);
        Assert.NotEqual(first.ReceiptHandle, second.ReceiptHandle);
    }

    [Fact]
    public async Task DeleteAsync_LatestHandle_RemovesMessageForGood()
    {
        var sut = CreateSut();
        await sut.SendAsync(new OutgoingMessage("m"));
        var message = Assert.Single(await sut.ReceiveAsync(1, TimeSpan.Zero));

        await sut.DeleteAsync(message.ReceiptHandle);
        time.Advance(TimeSpan.FromMinutes(5));

        Assert.Empty(await sut.ReceiveAsync(10, TimeSpan.Zero));
        Assert.Equal(new QueueDepth(0, 0), await sut.GetDepthAsync());
    }

    [Fact]
    public async Task DeleteAsync_AfterVisibilityExpiredButBeforeNextReceive_Succeeds()
    {
        var sut = CreateSut();
        await sut.SendAsync(new OutgoingMessage("m"));
        var message = Assert.Single(await sut.ReceiveAsync(1, TimeSpan.Zero));
        time.Advance(TimeSpan.FromSeconds(31));

        await sut.DeleteAsync(message.ReceiptHandle);

        Assert.Empty(await sut.ReceiveAsync(1, TimeSpan.Zero));
    }

    [Fact]
    public async Task DeleteAsync_StaleReceiptHandle_ThrowsReceiptHandleIsInvalid()
    {
        var sut = CreateSut();
        await sut.SendAsync(new OutgoingMessage("m"));
        var first = Assert.Single(await sut.ReceiveAsync(1, TimeSpan.Zero));
        time.Advance(TimeSpan.FromSeconds(30));
        var second = Assert.Single(await sut.ReceiveAsync(1, TimeSpan.Zero));

        var error = await Assert.ThrowsAsync<PortException>(async () => await sut.DeleteAsync(first.ReceiptHandle));

        Assert.Equal("ReceiptHandleIsInvalid", error.ErrorCode);
        Assert.Equal("DeleteMessage", error.Operation);
        await sut.DeleteAsync(second.ReceiptHandle);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not-a-handle")]
    [InlineData("ffffffffff.1")]
    public async Task DeleteAsync_UnknownReceiptHandle_ThrowsReceiptHandleIsInvalid(string handle)
    {
        var sut = CreateSut();

        var error = await Assert.ThrowsAsync<PortException>(async () => await sut.DeleteAsync(handle));

        Assert.Equal("ReceiptHandleIsInvalid", error.ErrorCode);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(5)]
    public async Task ReceiveAsync_AfterMaxReceiveCountReceives_MovesMessageToDeadLetterQueue(int maxReceiveCount)
    {
        var dlq = CreateSut(name: "orders-dlq");
        var sut = CreateSut(new LocalQueueOptions { VisibilityTimeout = TimeSpan.FromSeconds(10), DeadLetterQueue = dlq, MaxReceiveCount = maxReceiveCount });
        var id = await sut.SendAsync(new OutgoingMessage("poison", new Dictionary<string, string> { ["k"] = "v" }));

        for (var receive = 1; receive <= maxReceiveCount; receive++)
        {
            var message = Assert.Single(await sut.ReceiveAsync(1, TimeSpan.Zero));
            Assert.Equal(receive, message.ReceiveCount);
            Assert.Equal(0, (await dlq.GetDepthAsync()).Total);
            time.Advance(TimeSpan.FromSeconds(10));
        }

        Assert.Empty(await sut.ReceiveAsync(1, TimeSpan.Zero));

        Assert.Equal(0, (await sut.GetDepthAsync()).Total);
        var deadLetter = Assert.Single(await dlq.ReceiveAsync(1, TimeSpan.Zero));
        Assert.Equal(id, deadLetter.MessageId);
        Assert.Equal("poison", deadLetter.Body);
        Assert.Equal("v", deadLetter.Attributes["k"]);
        Assert.Equal(1, deadLetter.ReceiveCount);
    }

    [Fact]
    public async Task ReceiveAsync_RedriveOfOneMessage_StillReturnsTheOthers()
    {
        var dlq = CreateSut(name: "orders-dlq");
        var sut = CreateSut(new LocalQueueOptions { VisibilityTimeout = TimeSpan.FromSeconds(10), DeadLetterQueue = dlq, MaxReceiveCount = 1 });
        await sut.SendAsync(new OutgoingMessage("poison"));
        Assert.Single(await sut.ReceiveAsync(1, TimeSpan.Zero));
        time.Advance(TimeSpan.FromSeconds(10));
        await sut.SendAsync(new OutgoingMessage("fine"));

        var received = await sut.ReceiveAsync(10, TimeSpan.Zero);

        Assert.Equal("fine", Assert.Single(received).Body);
        Assert.Equal(1, (await dlq.GetDepthAsync()).Visible);
    }

    [Fact]
    public async Task ReceiveAsync_NoDeadLetterQueue_KeepsRedeliveringPastMaxReceiveCount()
    {
        var sut = CreateSut(new LocalQueueOptions { VisibilityTimeout = TimeSpan.FromSeconds(1), MaxReceiveCount = 1 });
        await sut.SendAsync(new OutgoingMessage("m"));

        for (var receive = 1; receive <= 5; receive++)
        {
            Assert.Equal(receive, Assert.Single(await sut.ReceiveAsync(1, TimeSpan.Zero)).ReceiveCount);
            time.Advance(TimeSpan.FromSeconds(1));
        }
    }

    [Fact]
    public async Task SendBatchAsync_MoreThanTen_ThrowsTooManyEntries()
    {
        var sut = CreateSut();
        var batch = Enumerable.Range(0, 11).Select(i => new OutgoingMessage($"m{i}")).ToList();

        var error = await Assert.ThrowsAsync<PortException>(async () => await sut.SendBatchAsync(batch));

        Assert.Equal("AWS.SimpleQueueService.TooManyEntriesInBatchRequest", error.ErrorCode);
        Assert.Contains("at most 10", error.Message);
        Assert.Equal(0, (await sut.GetDepthAsync()).Total);
    }

    [Fact]
    public async Task SendBatchAsync_Ten_ReturnsIdsInOrderAndReceiveTakesAtMostMax()
    {
        var sut = CreateSut();
        var batch = Enumerable.Range(0, 10).Select(i => new OutgoingMessage($"m{i}")).ToList();

        var ids = await sut.SendBatchAsync(batch);
        var firstSix = await sut.ReceiveAsync(6, TimeSpan.Zero);
        var rest = await sut.ReceiveAsync(10, TimeSpan.Zero);

        Assert.Equal(10, ids.Distinct().Count());
        Assert.Equal(ids.Take(6), firstSix.Select(m => m.MessageId));
        Assert.Equal(4, rest.Count);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(11)]
    public async Task ReceiveAsync_MaxMessagesOutOfRange_ThrowsInvalidParameterValue(int maxMessages)
    {
        var sut = CreateSut();

        var error = await Assert.ThrowsAsync<PortException>(async () => await sut.ReceiveAsync(maxMessages, TimeSpan.Zero));

        Assert.Equal("InvalidParameterValue", error.ErrorCode);
    }

    [Fact]
    public async Task ReceiveAsync_LongPollAndMessageSent_ReturnsTheMessage()
    {
        var sut = CreateSut();
        var receive = sut.ReceiveAsync(10, TimeSpan.FromSeconds(20)).AsTask();
        Assert.False(receive.IsCompleted);

        time.Advance(TimeSpan.FromSeconds(5));
        await sut.SendAsync(new OutgoingMessage("late"));

        Assert.Equal("late", Assert.Single(await receive).Body);
    }

    [Fact]
    public async Task ReceiveAsync_LongPollAndNothingSent_ReturnsEmptyWhenWaitElapses()
    {
        var sut = CreateSut();
        var receive = sut.ReceiveAsync(10, TimeSpan.FromSeconds(20)).AsTask();

        time.Advance(TimeSpan.FromSeconds(19));
        Assert.False(receive.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(1));

        Assert.Empty(await receive);
    }

    [Fact]
    public async Task ReceiveAsync_LongPollWhileMessageInFlight_ReturnsItWhenItBecomesVisible()
    {
        var sut = CreateSut(new LocalQueueOptions { VisibilityTimeout = TimeSpan.FromSeconds(10) });
        await sut.SendAsync(new OutgoingMessage("m"));
        Assert.Single(await sut.ReceiveAsync(1, TimeSpan.Zero));
        var receive = sut.ReceiveAsync(1, TimeSpan.FromSeconds(20)).AsTask();

        time.Advance(TimeSpan.FromSeconds(10));

        Assert.Equal(2, Assert.Single(await receive).ReceiveCount);
    }

    [Fact]
    public async Task ReceiveAsync_LongPollCancelled_ThrowsOperationCanceled()
    {
        var sut = CreateSut();
        using var cancellation = new CancellationTokenSource();
        var receive = sut.ReceiveAsync(1, TimeSpan.FromSeconds(20), cancellation.Token).AsTask();

        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => receive);
    }

    [Fact]
    public async Task ReceiveAsync_MessageOlderThanRetention_IsGone()
    {
        var sut = CreateSut(new LocalQueueOptions { MessageRetention = TimeSpan.FromMinutes(2) });
        await sut.SendAsync(new OutgoingMessage("old"));
        time.Advance(TimeSpan.FromMinutes(1));
        await sut.SendAsync(new OutgoingMessage("young"));

        time.Advance(TimeSpan.FromMinutes(1));

        Assert.Equal(new QueueDepth(1, 0), await sut.GetDepthAsync());
        Assert.Equal("young", Assert.Single(await sut.ReceiveAsync(10, TimeSpan.Zero)).Body);
    }

    [Fact]
    public async Task GetDepthAsync_InFlightMessagePastRetention_IsGoneAndItsHandleInvalid()
    {
        var sut = CreateSut(new LocalQueueOptions { MessageRetention = TimeSpan.FromMinutes(1), VisibilityTimeout = TimeSpan.FromHours(1) });
        await sut.SendAsync(new OutgoingMessage("m"));
        var message = Assert.Single(await sut.ReceiveAsync(1, TimeSpan.Zero));

        time.Advance(TimeSpan.FromMinutes(1));

        Assert.Equal(new QueueDepth(0, 0), await sut.GetDepthAsync());
        var error = await Assert.ThrowsAsync<PortException>(async () => await sut.DeleteAsync(message.ReceiptHandle));
        Assert.Equal("ReceiptHandleIsInvalid", error.ErrorCode);
    }

    [Fact]
    public async Task ChangeMessageVisibility_Zero_MakesMessageVisibleAtOnce()
    {
        var sut = CreateSut();
        await sut.SendAsync(new OutgoingMessage("m"));
        var message = Assert.Single(await sut.ReceiveAsync(1, TimeSpan.Zero));

        sut.ChangeMessageVisibility(message.ReceiptHandle, TimeSpan.Zero);

        Assert.Equal(2, Assert.Single(await sut.ReceiveAsync(1, TimeSpan.Zero)).ReceiveCount);
    }

    [Fact]
    public async Task ChangeMessageVisibility_Extended_KeepsMessageInvisibleLonger()
    {
        var sut = CreateSut();
        await sut.SendAsync(new OutgoingMessage("a"));
        await sut.SendAsync(new OutgoingMessage("b"));
        var received = await sut.ReceiveAsync(2, TimeSpan.Zero);

        sut.ChangeMessageVisibility(received[0].ReceiptHandle, TimeSpan.FromMinutes(2));
        time.Advance(TimeSpan.FromSeconds(30));

        var b = Assert.Single(await sut.ReceiveAsync(10, TimeSpan.Zero));
        Assert.Equal("b", b.Body);
        await sut.DeleteAsync(b.ReceiptHandle);
        time.Advance(TimeSpan.FromSeconds(89));
        Assert.Empty(await sut.ReceiveAsync(10, TimeSpan.Zero));
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal("a", Assert.Single(await sut.ReceiveAsync(10, TimeSpan.Zero)).Body);
    }

    [Fact]
    public async Task ChangeMessageVisibility_MessageVisibleAgain_ThrowsMessageNotInflight()
    {
        var sut = CreateSut();
        await sut.SendAsync(new OutgoingMessage("m"));
        var message = Assert.Single(await sut.ReceiveAsync(1, TimeSpan.Zero));
        time.Advance(TimeSpan.FromSeconds(30));

        var error = Assert.Throws<PortException>(() => sut.ChangeMessageVisibility(message.ReceiptHandle, TimeSpan.FromSeconds(5)));

        Assert.Equal("AWS.SimpleQueueService.MessageNotInflight", error.ErrorCode);
    }

    [Fact]
    public async Task Purge_DropsVisibleAndInFlight()
    {
        var sut = CreateSut();
        await sut.SendBatchAsync([new("a"), new("b")]);
        Assert.Single(await sut.ReceiveAsync(1, TimeSpan.Zero));

        sut.Purge();

        Assert.Equal(new QueueDepth(0, 0), await sut.GetDepthAsync());
    }

    [Fact]
    public void Constructor_InvalidOptions_ListsEveryProblem()
    {
        var error = Assert.Throws<ArgumentException>(() => CreateSut(new LocalQueueOptions
        {
            VisibilityTimeout = TimeSpan.FromHours(13),
            MessageRetention = TimeSpan.FromSeconds(1),
            MaxReceiveCount = 0,
        }));

        Assert.Contains("VisibilityTimeout", error.Message);
        Assert.Contains("MessageRetention", error.Message);
        Assert.Contains("MaxReceiveCount", error.Message);
    }

    [Fact]
    public async Task SendReceiveDelete_ManyMessages_EndsEmpty()
    {
        var sut = CreateSut();
        var batch = Enumerable.Range(0, 10).Select(i => new OutgoingMessage($"m{i}")).ToList();

        for (var round = 0; round < 1_000; round++)
        {
            await sut.SendBatchAsync(batch);
            foreach (var message in await sut.ReceiveAsync(10, TimeSpan.Zero))
            {
                await sut.DeleteAsync(message.ReceiptHandle);
            }
        }

        Assert.Equal(new QueueDepth(0, 0), await sut.GetDepthAsync());
    }
}
