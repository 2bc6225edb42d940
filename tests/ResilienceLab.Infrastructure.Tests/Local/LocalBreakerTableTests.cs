using ResilienceLab.Infrastructure.Local;
using ResilienceLab.Stack.Ports;

namespace ResilienceLab.Infrastructure.Tests.Local;

public sealed class LocalBreakerTableTests
{
    private static LocalBreakerTable CreateSut() => new("lab-circuit-breaker-test");

    [Fact]
    public async Task GetAsync_NothingWritten_ReturnsNull()
    {
        Assert.Null(await CreateSut().GetAsync("payment-service"));
    }

    [Fact]
    public async Task TryPutAsync_NullExpectedAndNoItem_WritesIt()
    {
        var sut = CreateSut();

        Assert.True(await sut.TryPutAsync(new BreakerItem { ServiceName = "payment-service", Version = 1 }, expectedVersion: null));

        Assert.Equal(1, (await sut.GetAsync("payment-service"))!.Version);
    }

    [Fact]
    public async Task TryPutAsync_NullExpectedButItemExists_RefusesAndKeepsStored()
    {
        var sut = CreateSut();
        await sut.TryPutAsync(new BreakerItem { ServiceName = "s", Version = 1, State = "CLOSED" }, null);

        Assert.False(await sut.TryPutAsync(new BreakerItem { ServiceName = "s", Version = 1, State = "OPEN" }, null));

        Assert.Equal("CLOSED", (await sut.GetAsync("s"))!.State);
    }

    [Fact]
    public async Task TryPutAsync_ExpectedVersionMatches_WritesNewVersion()
    {
        var sut = CreateSut();
        await sut.TryPutAsync(new BreakerItem { ServiceName = "s", Version = 1 }, null);

        Assert.True(await sut.TryPutAsync(new BreakerItem { ServiceName = "s", Version = 2, State = "OPEN" }, expectedVersion: 1));

        var stored = await sut.GetAsync("s");
        Assert.Equal(2, stored!.Version);
        Assert.Equal("OPEN", stored.State);
    }

    [Fact]
    public async Task TryPutAsync_ExpectedVersionStale_Refuses()
    {
        var sut = CreateSut();
        await sut.TryPutAsync(new BreakerItem { ServiceName = "s", Version = 1 }, null);
        await sut.TryPutAsync(new BreakerItem { ServiceName = "s", Version = 2 }, 1);

        Assert.False(await sut.TryPutAsync(new BreakerItem { ServiceName = "s", Version = 2, State = "OPEN" }, expectedVersion: 1));
    }

    [Fact]
    public async Task TryPutAsync_ExpectedVersionButNoItem_Refuses()
    {
        Assert.False(await CreateSut().TryPutAsync(new BreakerItem { ServiceName = "s", Version = 1 }, expectedVersion: 0));
    }

    [Fact]
    public async Task TryPutAsync_EmptyServiceName_ThrowsValidationException()
    {
        var error = await Assert.ThrowsAsync<PortException>(async () => await CreateSut().TryPutAsync(new BreakerItem { ServiceName = "" }, null));

        Assert.Equal("ValidationException", error.ErrorCode);
    }

    [Fact]
    public async Task TryPutAsync_EightWritersIncrementingConcurrently_LosesNoIncrement()
    {
        var sut = CreateSut();
        await sut.TryPutAsync(new BreakerItem { ServiceName = "s", Version = 0 }, null);
        using var start = new ManualResetEventSlim();

        var writers = Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            start.Wait();
            for (var i = 0; i < 1_000; i++)
            {
                while (true)
                {
                    var current = (await sut.GetAsync("s"))!;
                    var next = current with { TotalFailures = current.TotalFailures + 1, Version = current.Version + 1 };
                    if (await sut.TryPutAsync(next, current.Version))
                    {
                        break;
                    }
                }
            }
        })).ToArray();
        start.Set();
        await Task.WhenAll(writers);

        var final = (await sut.GetAsync("s"))!;
        Assert.Equal(8_000, final.TotalFailures);
        Assert.Equal(8_000, final.Version);
    }

    [Fact]
    public async Task Scan_TwoServices_ReturnsBothAndDeleteRemovesOne()
    {
        var sut = CreateSut();
        await sut.TryPutAsync(new BreakerItem { ServiceName = "a" }, null);
        await sut.TryPutAsync(new BreakerItem { ServiceName = "b" }, null);

        Assert.Equal(["a", "b"], sut.Scan().Select(i => i.ServiceName).Order());
        Assert.True(sut.Delete("a"));
        Assert.Equal("b", Assert.Single(sut.Scan()).ServiceName);
    }

    [Fact]
    public Task AddCountersAsync_EightInstancesConcurrently_SumExactly() =>
        BreakerTableUpdateCases.ConcurrentAdditionsSumExactlyAsync(CreateSut(), writers: 8, updatesPerWriter: 500);

    [Fact]
    public Task AddCountersAsync_NegativeContribution_Subtracts() =>
        BreakerTableUpdateCases.NegativeContributionSubtractsAsync(CreateSut());

    [Fact]
    public Task AddCountersAsync_VersionMovedOrNoItem_RefusesAndAddsNothing() =>
        BreakerTableUpdateCases.CountersOnStaleVersionAreRefusedAsync(CreateSut());

    [Fact]
    public Task AddCountersAsync_ManyProbeClaims_StopAtHalfOpenMaxCalls() =>
        BreakerTableUpdateCases.ProbeClaimsStopAtTheLimitAsync(CreateSut(), claimants: 8);

    [Fact]
    public Task TryChangeStateAsync_StaleVersionOrState_Refuses() =>
        BreakerTableUpdateCases.StaleTransitionIsRefusedAsync(CreateSut());

    [Fact]
    public Task TryChangeStateAsync_Close_ResetsFailuresAndKeepsTotals() =>
        BreakerTableUpdateCases.CloseResetsFailuresAndKeepsTotalsAsync(CreateSut());
}
