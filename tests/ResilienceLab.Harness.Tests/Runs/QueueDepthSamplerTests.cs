using Microsoft.Extensions.Time.Testing;
using ResilienceLab.Harness.Runs;
using ResilienceLab.Infrastructure.Local;
using ResilienceLab.Stack.Ports;

namespace ResilienceLab.Harness.Tests.Runs;

public sealed class QueueDepthSamplerTests
{
    private readonly LocalMessageQueue _orders = new("orders", new FakeTimeProvider());

    [Fact]
    public async Task LatestDepths_SecondStillBeingRead_GivesThePreviousReading()
    {
        await _orders.SendAsync(new OutgoingMessage("one"));
        var sut = CreateSut();
        await ReadAsync(sut, second: 3);

        var depths = sut.LatestDepths(4, maxAgeSeconds: 5);

        Assert.Equal(1, depths["orders"].Visible);
    }

    [Fact]
    public async Task LatestDepths_NewerReading_WinsOverOlder()
    {
        var sut = CreateSut();
        await ReadAsync(sut, second: 3);
        await _orders.SendAsync(new OutgoingMessage("one"));
        await _orders.SendAsync(new OutgoingMessage("two"));
        await ReadAsync(sut, second: 4);

        Assert.Equal(2, sut.LatestDepths(4, maxAgeSeconds: 5)["orders"].Visible);
        Assert.Equal(0, sut.LatestDepths(3, maxAgeSeconds: 5)["orders"].Visible);
    }

    [Fact]
    public async Task LatestDepths_ReadingOlderThanMaxAge_IsAGapNotAnOldDepth()
    {
        await _orders.SendAsync(new OutgoingMessage("one"));
        var sut = CreateSut();
        await ReadAsync(sut, second: 3);

        Assert.Empty(sut.LatestDepths(9, maxAgeSeconds: 5));
        Assert.Single(sut.LatestDepths(8, maxAgeSeconds: 5));
    }

    private QueueDepthSampler CreateSut() => new(new Dictionary<string, IMessageQueue> { ["orders"] = _orders }, CancellationToken.None);

    // The read runs in the background; it is over once its second's sample is there.
    private static async Task ReadAsync(QueueDepthSampler sut, int second)
    {
        sut.SecondEnded(second);
        for (var i = 0; i < 1_000 && !sut.Samples()["orders"].Any(s => s.Second == second); i++)
        {
            await Task.Yield();
            await Task.Delay(1);
        }

        Assert.Contains(sut.Samples()["orders"], s => s.Second == second);
    }
}
