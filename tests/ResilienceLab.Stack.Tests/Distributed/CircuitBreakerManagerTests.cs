using Microsoft.Extensions.Time.Testing;
using ResilienceLab.Stack.Breaker;
using ResilienceLab.Stack.Distributed;
using ResilienceLab.Stack.Tests.Fakes;

namespace ResilienceLab.Stack.Tests.Distributed;

/// <summary>The per-call mode: the document's Lambda, reading the table on every check and read-modify-writing every outcome.</summary>
public sealed class CircuitBreakerManagerTests
{
    private const string Service = "external-api";
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _time = new(Start);
    private readonly InMemoryBreakerTable _table = new();

    [Fact]
    public async Task ShouldAllowRequestAsync_NewService_AllowsAsClosedWithoutWriting()
    {
        var sut = CreateSut();

        var check = await sut.ShouldAllowRequestAsync(Service);

        Assert.Equal(new BreakerCheck(true, "Circuit is closed"), check);
        Assert.Null(_table.Peek(Service));
    }

    [Fact]
    public async Task RecordFailureAsync_ThresholdFromOneInstance_OpensWithDocumentsFields()
    {
        var sut = CreateSut();

        for (var i = 0; i < 5; i++)
        {
            await sut.RecordFailureAsync(Service);
        }

        var item = _table.Peek(Service)!;
        Assert.Equal("OPEN", item.State);
        Assert.Equal(5, item.FailureCount);
        Assert.Equal(5, item.Version);
        Assert.Equal(Start.ToUnixTimeSeconds(), item.LastFailureTime);
        Assert.Equal(Start.ToUnixTimeSeconds(), item.UpdatedAt);
        Assert.Equal(5, item.InstanceFailures["i-1"]);
        Assert.Equal(new BreakerCheck(false, "Circuit is open"), await sut.ShouldAllowRequestAsync(Service));
    }

    [Fact]
    public async Task ShouldAllowRequestAsync_AfterTimeout_AllowsHalfOpenMaxCallsProbesIncludingTheFirst()
    {
        var sut = CreateSut();
        await OpenAsync(sut);
        _time.Advance(TimeSpan.FromSeconds(60));

        var checks = new List<BreakerCheck>();
        for (var i = 0; i < 4; i++)
        {
            checks.Add(await sut.ShouldAllowRequestAsync(Service));
        }

        Assert.Equal(
            [
                new BreakerCheck(true, "Circuit transitioning to half-open"),
                new BreakerCheck(true, "Circuit is half-open, allowing test call"),
                new BreakerCheck(true, "Circuit is half-open, allowing test call"),
                new BreakerCheck(false, "Circuit half-open limit exceeded"),
            ],
            checks);
    }

    [Fact]
    public async Task RecordSuccessAsync_HalfOpen_ClosesAndClearsFailures()
    {
        var sut = CreateSut();
        await OpenAsync(sut);
        _time.Advance(TimeSpan.FromSeconds(60));
        await sut.ShouldAllowRequestAsync(Service);

        await sut.RecordSuccessAsync(Service);

        var item = _table.Peek(Service)!;
        Assert.Equal("CLOSED", item.State);
        Assert.Equal(0, item.FailureCount);
        Assert.Empty(item.InstanceFailures);
        Assert.Equal(1, item.TotalSuccesses);
        Assert.Equal(5, item.TotalFailures);
    }

    [Fact]
    public async Task RecordFailureAsync_HalfOpenProbeFails_Reopens()
    {
        var sut = CreateSut();
        await OpenAsync(sut);
        _time.Advance(TimeSpan.FromSeconds(60));
        await sut.ShouldAllowRequestAsync(Service);

        await sut.RecordFailureAsync(Service);

        Assert.Equal("OPEN", _table.Peek(Service)!.State);
        Assert.False((await sut.ShouldAllowRequestAsync(Service)).Allowed);
    }

    [Fact]
    public async Task ShouldAllowRequestAsync_HalfOpenProbesNeverReported_StartsNewRoundAfterTimeout()
    {
        var sut = CreateSut();
        await OpenAsync(sut);
        _time.Advance(TimeSpan.FromSeconds(60));
        for (var i = 0; i < 3; i++)
        {
            await sut.ShouldAllowRequestAsync(Service);
        }

        Assert.False((await sut.ShouldAllowRequestAsync(Service)).Allowed);
        _time.Advance(TimeSpan.FromSeconds(60));

        Assert.Equal(new BreakerCheck(true, "Circuit is half-open, allowing test call"), await sut.ShouldAllowRequestAsync(Service));
    }

    [Fact]
    public async Task RecordFailureAsync_OneUnhealthyInstanceUnderQuorum_CannotOpenAlone()
    {
        var sick = CreateSut("i-1", minInstances: 2, maxContribution: 3);
        var other = CreateSut("i-2", minInstances: 2, maxContribution: 3);

        for (var i = 0; i < 10; i++)
        {
            await sick.RecordFailureAsync(Service);
        }

        var item = _table.Peek(Service)!;
        Assert.Equal("CLOSED", item.State);
        Assert.Equal(3, item.FailureCount);
        Assert.Equal(10, item.TotalFailures);
        Assert.True((await other.ShouldAllowRequestAsync(Service)).Allowed);

        await other.RecordFailureAsync(Service);
        await other.RecordFailureAsync(Service);

        item = _table.Peek(Service)!;
        Assert.Equal("OPEN", item.State);
        Assert.Equal(5, item.FailureCount);
        Assert.Equal(new Dictionary<string, int> { ["i-1"] = 3, ["i-2"] = 2 }, item.InstanceFailures);
    }

    [Fact]
    public async Task ShouldAllowRequestAsync_TableUnavailable_AnswersFromLocalStateWithReason()
    {
        var sut = CreateSut();
        _table.Unavailable = true;

        var check = await sut.ShouldAllowRequestAsync(Service);

        Assert.True(check.Allowed);
        Assert.Equal("table unavailable, using local state", check.Reason);
        Assert.True(check.FromLocalState);
        Assert.Equal(1, sut.Fallbacks);
    }

    [Fact]
    public async Task RecordFailureAsync_TableUnavailable_LocalStateOpensAndRejects()
    {
        var sut = CreateSut();
        _table.Unavailable = true;

        for (var i = 0; i < 5; i++)
        {
            await sut.RecordFailureAsync(Service);
        }

        var check = await sut.ShouldAllowRequestAsync(Service);
        Assert.Equal(new BreakerCheck(false, "table unavailable, using local state") { FromLocalState = true }, check);
        Assert.Equal(CircuitState.Open, sut.LocalState(Service));
        Assert.Equal(6, sut.Fallbacks);
    }

    [Fact]
    public async Task ShouldAllowRequestAsync_TableFailsAfterFailuresWereShared_LocalStateIsAlreadyWarm()
    {
        var sut = CreateSut();
        await OpenAsync(sut);

        _table.Unavailable = true;

        Assert.False((await sut.ShouldAllowRequestAsync(Service)).Allowed);
    }

    [Fact]
    public async Task RecordFailureAsync_LostWrite_RereadsAfterBackoffAndApplies()
    {
        var sut = CreateSut(conflictBaseDelay: TimeSpan.FromMilliseconds(10));
        _table.ForceConflicts(1);

        var record = sut.RecordFailureAsync(Service).AsTask();
        _time.Advance(TimeSpan.FromMilliseconds(9));
        Assert.False(record.IsCompleted);
        _time.Advance(TimeSpan.FromMilliseconds(1));
        await record;

        Assert.Equal(1, sut.Conflicts);
        Assert.Equal(1, _table.Peek(Service)!.TotalFailures);
    }

    [Fact]
    public async Task RecordFailureAsync_ContentionOutlastsAttempts_FallsBackToLocalState()
    {
        var sut = CreateSut(maxWriteAttempts: 2);
        _table.ForceConflicts(2);

        await sut.RecordFailureAsync(Service);

        Assert.Equal(1, sut.Fallbacks);
        Assert.Null(_table.Peek(Service));
    }

    [Fact]
    public async Task RecordAsync_EightInstancesConcurrently_LoseNoUpdate()
    {
        var table = new InMemoryBreakerTable { YieldOnCalls = true };
        const int Workers = 8;
        const int PerWorker = 10_000;
        var managers = Enumerable.Range(0, Workers).Select(i => CreateSut($"i-{i}", maxWriteAttempts: 100_000, table: table)).ToList();

        await Task.WhenAll(managers.Select(manager => Task.Run(async () =>
        {
            for (var i = 0; i < PerWorker; i++)
            {
                await manager.RecordFailureAsync(Service);
                await manager.RecordSuccessAsync(Service);
            }
        })));

        var item = table.Peek(Service)!;
        Assert.Equal(Workers * PerWorker, item.TotalFailures);
        Assert.Equal(Workers * PerWorker, item.TotalSuccesses);
        Assert.Equal(2L * Workers * PerWorker, item.Version);
        Assert.Equal(0, managers.Sum(m => m.Fallbacks));
        Assert.True(table.RejectedPuts > 0, "the workers never contended");
        Assert.Equal(table.RejectedPuts, managers.Sum(m => m.Conflicts));
    }

    private async Task OpenAsync(CircuitBreakerManager sut)
    {
        for (var i = 0; i < 5; i++)
        {
            await sut.RecordFailureAsync(Service);
        }
    }

    private CircuitBreakerManager CreateSut(
        string instanceId = "i-1",
        int minInstances = 1,
        int? maxContribution = null,
        int maxWriteAttempts = 10,
        TimeSpan? conflictBaseDelay = null,
        InMemoryBreakerTable? table = null) => new(
            table ?? _table,
            new DistributedBreakerOptions
            {
                InstanceId = instanceId,
                FailureThreshold = 5,
                TimeoutSeconds = 60,
                HalfOpenMaxCalls = 3,
                MinInstancesToOpen = minInstances,
                MaxContributionPerInstance = maxContribution,
                MaxWriteAttempts = maxWriteAttempts,
                ConflictBaseDelay = conflictBaseDelay ?? TimeSpan.Zero,
                Mode = SharedBreakerMode.PerCall,
            },
            _time);
}
