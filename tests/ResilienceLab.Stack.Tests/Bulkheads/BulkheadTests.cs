using System.ComponentModel.DataAnnotations;
using ResilienceLab.Stack.Bulkheads;

namespace ResilienceLab.Stack.Tests.Bulkheads;

public sealed class BulkheadTests
{
    [Fact]
    public async Task AcquireAsync_BelowMaxConcurrency_GrantsAtOnce()
    {
        var sut = CreateSut(maxConcurrency: 2, maxQueue: 0);

        using var first = await sut.AcquireAsync();
        using var second = await sut.AcquireAsync();

        Assert.Equal(2, sut.Active);
    }

    [Fact]
    public async Task AcquireAsync_SlotsAndQueueFull_RejectsWithBulkheadFull()
    {
        var sut = CreateSut(maxConcurrency: 1, maxQueue: 1);
        using var held = await sut.AcquireAsync();
        var queued = sut.AcquireAsync();

        var ex = await Assert.ThrowsAsync<BulkheadRejectedException>(() => sut.AcquireAsync().AsTask());

        Assert.Equal("bulkhead_full", ex.Reason);
        Assert.False(queued.IsCompleted);
        Assert.Equal(1, sut.Queued);
        Assert.Equal(1, sut.Rejected);
    }

    [Fact]
    public async Task TryAcquireAsync_SlotsAndQueueFull_ReturnsNullAndCountsTheRejection()
    {
        var sut = CreateSut(maxConcurrency: 1, maxQueue: 1);
        using var held = await sut.AcquireAsync();
        var queued = sut.TryAcquireAsync();

        var rejected = sut.TryAcquireAsync();

        Assert.True(rejected.IsCompletedSuccessfully);
        Assert.Null(await rejected);
        Assert.False(queued.IsCompleted);
        Assert.Equal(1, sut.Queued);
        Assert.Equal(1, sut.Rejected);
    }

    [Fact]
    public async Task TryAcquireAsync_QueuedWhenFull_GetsTheSlotOnRelease()
    {
        var sut = CreateSut(maxConcurrency: 1, maxQueue: 1);
        var held = await sut.AcquireAsync();
        var queued = sut.TryAcquireAsync().AsTask();

        held.Dispose();
        using var lease = await queued;

        Assert.NotNull(lease);
        Assert.Equal(1, sut.Active);
        Assert.Equal(0, sut.Queued);
        Assert.Equal(0, sut.Rejected);
    }

    [Fact]
    public async Task Dispose_WithWaiters_HandsSlotToFirstWaiterInOrder()
    {
        var sut = CreateSut(maxConcurrency: 1, maxQueue: 2);
        var held = await sut.AcquireAsync();
        var first = sut.AcquireAsync().AsTask();
        var second = sut.AcquireAsync().AsTask();

        held.Dispose();
        var firstLease = await first;

        Assert.False(second.IsCompleted);
        Assert.Equal(1, sut.Active);
        firstLease.Dispose();
        (await second).Dispose();
        Assert.Equal(0, sut.Active);
        Assert.Equal(0, sut.Queued);
    }

    [Fact]
    public async Task Dispose_Twice_ReleasesOnce()
    {
        var sut = CreateSut(maxConcurrency: 2, maxQueue: 0);
        var lease = await sut.AcquireAsync();
        using var other = await sut.AcquireAsync();

        lease.Dispose();
        lease.Dispose();

        Assert.Equal(1, sut.Active);
    }

    [Fact]
    public async Task AcquireAsync_WaiterCancelled_LeavesQueueAndSlotGoesToNext()
    {
        var sut = CreateSut(maxConcurrency: 1, maxQueue: 2);
        var held = await sut.AcquireAsync();
        using var cts = new CancellationTokenSource();
        var cancelled = sut.AcquireAsync(cts.Token).AsTask();
        var next = sut.AcquireAsync().AsTask();

        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
        held.Dispose();

        (await next).Dispose();
        Assert.Equal(0, sut.Active);
        Assert.Equal(0, sut.Queued);
    }

    [Fact]
    public void Constructor_InvalidOptions_Throws()
    {
        Assert.Throws<ValidationException>(() => CreateSut(maxConcurrency: 0, maxQueue: -1));
    }

    private static Bulkhead CreateSut(int maxConcurrency, int maxQueue) =>
        new("payments", new BulkheadOptions { MaxConcurrency = maxConcurrency, MaxQueue = maxQueue });
}
