using Microsoft.Extensions.Time.Testing;
using ResilienceLab.Stack.Breaker;
using ResilienceLab.Stack.Distributed;
using ResilienceLab.Stack.Ports;
using ResilienceLab.Stack.Telemetry;
using ResilienceLab.Stack.Tests.Fakes;

namespace ResilienceLab.Stack.Tests.Distributed;

/// <summary>The bounded mode: decisions from a local view refreshed on an interval, outcomes flushed as atomic counter updates.</summary>
public sealed class BoundedCircuitBreakerManagerTests : IAsyncDisposable
{
    private const string Service = "external-api";
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(200);
    private readonly FakeTimeProvider _time = new(Start);
    private readonly InMemoryBreakerTable _table;
    private readonly StackTelemetry _telemetry = new();
    private readonly RecordedMeasurements _metrics;
    private readonly List<CircuitBreakerManager> _managers = [];

    public BoundedCircuitBreakerManagerTests()
    {
        _table = new InMemoryBreakerTable { Clock = _time };
        _metrics = new RecordedMeasurements(_telemetry);
    }

    [Fact]
    public async Task AcquireAsync_TenThousandCallsASecondForTenSeconds_AtMostTenTableOperationsASecondPerService()
    {
        var sut = CreateSut(timeoutSeconds: 1);
        var other = "second-api";
        var opened = false;
        var closedAgain = false;

        // 0-3 s one call in three fails (never five in a row), 3-6 s every call fails, 6-10 s every call succeeds.
        for (var ms = 0; ms < 10_000; ms++)
        {
            for (var i = 0; i < 10; i++)
            {
                var fails = ms < 3_000 ? i % 3 == 0 : ms < 6_000;
                foreach (var service in new[] { Service, other })
                {
                    var decision = await sut.AcquireAsync(service);
                    if (decision.Allowed)
                    {
                        await sut.RecordAsync(service, decision, fails ? BreakerOutcome.Failure : BreakerOutcome.Success);
                    }
                }
            }

            opened |= sut.ViewState(Service) == CircuitState.Open;
            closedAgain |= opened && ms > 6_000 && sut.ViewState(Service) == CircuitState.Closed;
            _time.Advance(TimeSpan.FromMilliseconds(1));
        }

        var operations = _table.Operations;
        var busiest = operations.GroupBy(o => (o.ServiceName, Second: (int)(o.At - Start).TotalSeconds)).Max(g => g.Count());
        Assert.InRange(busiest, 1, 10);
        Assert.Equal(operations.Count, sut.TableOperations);
        Assert.Equal(operations.Count, _metrics.Sum(StackInstruments.TableOperations));
        Assert.True(opened, "the breaker never opened");
        Assert.True(closedAgain, "the breaker never closed after recovery");
        var item = _table.Peek(Service)!;
        Assert.Equal("CLOSED", item.State);
        Assert.True(item.TotalFailures > 0 && item.TotalSuccesses > 0);
    }

    [Fact]
    public async Task RecordAsync_ThresholdFailures_OpensTheViewAtOnceAndTheTableWithinOneInterval()
    {
        var sut = CreateSut();
        await WarmAsync(sut);

        for (var i = 0; i < 5; i++)
        {
            await sut.RecordAsync(Service, BreakerDecision.Pass, BreakerOutcome.Failure);
        }

        Assert.Equal(CircuitState.Open, sut.ViewState(Service));
        Assert.Equal("circuit_open", (await sut.AcquireAsync(Service)).RejectionReason);
        Assert.Equal("CLOSED", _table.Peek(Service)!.State);
        _time.Advance(Interval);
        var item = _table.Peek(Service)!;
        Assert.Equal("OPEN", item.State);
        Assert.Equal(5, item.FailureCount);
        Assert.Equal(5, item.TotalFailures);
        Assert.Equal(5, item.InstanceFailures["i-1"]);
        Assert.Equal(1, _metrics.Sum(StackInstruments.BreakerTransitions, ("service", Service), ("to", "Open")));
    }

    [Fact]
    public async Task RecordAsync_LateSuccessAfterTheViewOpened_StillOpensTheTable()
    {
        var sut = CreateSut();
        await WarmAsync(sut);
        for (var i = 0; i < 5; i++)
        {
            await sut.RecordAsync(Service, BreakerDecision.Pass, BreakerOutcome.Failure);
        }

        await sut.RecordAsync(Service, BreakerDecision.Pass, BreakerOutcome.Success);
        _time.Advance(Interval);

        Assert.Equal("OPEN", _table.Peek(Service)!.State);
        Assert.Equal(CircuitState.Open, sut.ViewState(Service));
    }

    [Fact]
    public async Task AcquireAsync_AnotherInstanceOpenedTheTable_RejectsAfterTheNextRefresh()
    {
        var sick = CreateSut("i-1");
        var healthy = CreateSut("i-2");
        await WarmAsync(sick, healthy);
        for (var i = 0; i < 5; i++)
        {
            await sick.RecordAsync(Service, BreakerDecision.Pass, BreakerOutcome.Failure);
        }

        Assert.True((await healthy.AcquireAsync(Service)).Allowed);
        _time.Advance(Interval);
        _time.Advance(Interval);

        Assert.Equal("circuit_open", (await healthy.AcquireAsync(Service)).RejectionReason);
    }

    [Fact]
    public async Task RecordAsync_OneUnhealthyInstanceUnderQuorum_CannotOpenUntilASecondAgrees()
    {
        var sick = CreateSut("i-1", minInstances: 2, maxContribution: 3);
        var other = CreateSut("i-2", minInstances: 2, maxContribution: 3);
        await WarmAsync(sick, other);

        for (var i = 0; i < 10; i++)
        {
            await sick.RecordAsync(Service, BreakerDecision.Pass, BreakerOutcome.Failure);
        }

        _time.Advance(Interval);
        var item = _table.Peek(Service)!;
        Assert.Equal("CLOSED", item.State);
        Assert.Equal(3, item.FailureCount);
        Assert.Equal(10, item.TotalFailures);
        Assert.Equal(CircuitState.Closed, sick.ViewState(Service));
        Assert.True((await other.AcquireAsync(Service)).Allowed);

        await other.RecordAsync(Service, BreakerDecision.Pass, BreakerOutcome.Failure);
        await other.RecordAsync(Service, BreakerDecision.Pass, BreakerOutcome.Failure);

        Assert.Equal(CircuitState.Open, other.ViewState(Service));
        _time.Advance(Interval);
        item = _table.Peek(Service)!;
        Assert.Equal("OPEN", item.State);
        Assert.Equal(5, item.FailureCount);
        Assert.Equal(new Dictionary<string, int> { ["i-1"] = 3, ["i-2"] = 2 }, item.InstanceFailures);
    }

    [Fact]
    public async Task AcquireAsync_HalfOpenAcrossThreeInstances_AdmitsAtMostHalfOpenMaxCallsProbes()
    {
        var managers = new[] { CreateSut("i-1", halfOpenMaxCalls: 2), CreateSut("i-2", halfOpenMaxCalls: 2), CreateSut("i-3", halfOpenMaxCalls: 2) };
        await WarmAsync(managers);
        await OpenAsync(managers);
        _time.Advance(TimeSpan.FromSeconds(60));

        var probes = new List<(CircuitBreakerManager Manager, BreakerDecision Decision)>();
        for (var round = 0; round < 20; round++)
        {
            foreach (var manager in managers)
            {
                var decision = await manager.AcquireAsync(Service);
                if (decision.Allowed)
                {
                    probes.Add((manager, decision));
                }
            }

            _time.Advance(Interval);
        }

        Assert.Equal(2, probes.Count);
        Assert.All(probes, p => Assert.True(p.Decision.IsProbe));
        Assert.Equal(2, _table.Peek(Service)!.HalfOpenCalls);
        Assert.Equal("HALF_OPEN", _table.Peek(Service)!.State);

        var (prober, probe) = probes[0];
        await prober.RecordAsync(Service, probe, BreakerOutcome.Success);

        Assert.Equal(CircuitState.Closed, prober.ViewState(Service));
        _time.Advance(Interval);
        _time.Advance(Interval);
        var item = _table.Peek(Service)!;
        Assert.Equal("CLOSED", item.State);
        Assert.Equal(0, item.FailureCount);
        Assert.Empty(item.InstanceFailures);
        Assert.All(managers, m => Assert.Equal(CircuitState.Closed, m.ViewState(Service)));
    }

    [Fact]
    public async Task RecordAsync_HalfOpenProbeFails_ReopensTheViewAtOnceAndTheTableAtTheNextRefresh()
    {
        var sut = CreateSut();
        await WarmAsync(sut);
        await OpenAsync(sut);
        _time.Advance(TimeSpan.FromSeconds(60));
        Assert.False((await sut.AcquireAsync(Service)).Allowed);
        _time.Advance(Interval);
        var probe = await sut.AcquireAsync(Service);
        Assert.True(probe.IsProbe);
        var failedAt = _time.GetUtcNow();

        await sut.RecordAsync(Service, probe, BreakerOutcome.Failure);

        Assert.Equal(CircuitState.Open, sut.ViewState(Service));
        _time.Advance(Interval);
        var item = _table.Peek(Service)!;
        Assert.Equal("OPEN", item.State);
        Assert.Equal(failedAt.ToUnixTimeMilliseconds() / 1000.0, item.LastFailureTime);
        Assert.Equal(["Open", "HalfOpen", "Open"], _metrics.Tags(StackInstruments.BreakerTransitions, "to"));
    }

    [Fact]
    public async Task RecordAsync_HalfOpenProbeAbandoned_GivesTheSlotBack()
    {
        var sut = CreateSut(halfOpenMaxCalls: 1);
        await WarmAsync(sut);
        await OpenAsync(sut);
        _time.Advance(TimeSpan.FromSeconds(60));
        await sut.AcquireAsync(Service);
        _time.Advance(Interval);
        var probe = await sut.AcquireAsync(Service);

        await sut.RecordAsync(Service, probe, BreakerOutcome.Abandoned);

        var again = await sut.AcquireAsync(Service);
        Assert.True(again.IsProbe);
    }

    [Fact]
    public async Task AcquireAsync_TableUnavailable_DecidesFromTheLocalBreaker()
    {
        var sut = CreateSut();
        await WarmAsync(sut);
        _table.Unavailable = true;
        _time.Advance(Interval);

        var check = await sut.ShouldAllowRequestAsync(Service);
        for (var i = 0; i < 5; i++)
        {
            await sut.RecordAsync(Service, await sut.AcquireAsync(Service), BreakerOutcome.Failure);
        }

        Assert.Equal(new BreakerCheck(true, "table unavailable, using local state") { FromLocalState = true }, check);
        Assert.Equal(CircuitState.Open, sut.LocalState(Service));
        Assert.Equal("circuit_open", (await sut.AcquireAsync(Service)).RejectionReason);
        Assert.True(sut.Fallbacks >= 7);

        _table.Unavailable = false;
        _time.Advance(Interval);
        _time.Advance(Interval);
        Assert.Equal("OPEN", _table.Peek(Service)!.State);
        Assert.Equal(5, _table.Peek(Service)!.TotalFailures);
    }

    [Fact]
    public async Task AcquireAsync_TableUnavailableAndRejectOnTableError_RejectsEveryCall()
    {
        var sut = CreateSut(fallbackToLocalState: false);
        await WarmAsync(sut);
        _table.Unavailable = true;
        _time.Advance(Interval);

        var decision = await sut.AcquireAsync(Service);

        Assert.Equal("circuit_open", decision.RejectionReason);
        Assert.Equal(1, _metrics.Sum(StackInstruments.BreakerTransitions, ("to", "Open")));
    }

    [Fact]
    public async Task AcquireAsync_TableHangs_AnswersAtOnceAndFallsBackOnceTheViewIsStale()
    {
        var sut = CreateSut();
        await WarmAsync(sut);
        var hang = new TaskCompletionSource();
        var before = _table.Operations.Count;
        _table.Hold = hang.Task;

        _time.Advance(Interval);
        var fresh = sut.AcquireAsync(Service);
        _time.Advance(Interval * 3);
        var stale = sut.AcquireAsync(Service);

        Assert.True(fresh.IsCompletedSuccessfully);
        Assert.True(stale.IsCompletedSuccessfully);
        Assert.True((await fresh).Allowed);
        Assert.True((await stale).Allowed);
        Assert.Equal(1, sut.Fallbacks);
        Assert.Equal(before + 1, _table.Operations.Count);
        _table.Hold = null;
        hang.SetResult();
    }

    [Fact]
    public async Task DisposeAsync_CountsPending_FlushesThem()
    {
        var sut = CreateSut();
        await WarmAsync(sut);
        await sut.RecordAsync(Service, BreakerDecision.Pass, BreakerOutcome.Success);
        await sut.RecordAsync(Service, BreakerDecision.Pass, BreakerOutcome.Failure);

        await sut.DisposeAsync();

        Assert.Equal((1, 1), (_table.Peek(Service)!.TotalSuccesses, _table.Peek(Service)!.TotalFailures));
    }

    [Fact]
    public void Constructor_RefreshIntervalUnder200Ms_ThrowsNamingIt()
    {
        var ex = Assert.Throws<System.ComponentModel.DataAnnotations.ValidationException>(() => new CircuitBreakerManager(
            _table,
            new DistributedBreakerOptions { InstanceId = "i-1", RefreshInterval = TimeSpan.FromMilliseconds(100) },
            _time));

        Assert.Contains("RefreshInterval", ex.Message, StringComparison.Ordinal);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var manager in _managers)
        {
            await manager.DisposeAsync();
        }

        _metrics.Dispose();
        _telemetry.Dispose();
    }

    // First use starts the refreshes; one interval later the item exists and every view has read it.
    private async Task WarmAsync(params CircuitBreakerManager[] managers)
    {
        foreach (var manager in managers)
        {
            await manager.AcquireAsync(Service);
        }

        _time.Advance(Interval);
        _time.Advance(Interval);
    }

    private async Task OpenAsync(params CircuitBreakerManager[] managers)
    {
        for (var i = 0; i < 5; i++)
        {
            await managers[0].RecordAsync(Service, BreakerDecision.Pass, BreakerOutcome.Failure);
        }

        _time.Advance(Interval);
        _time.Advance(Interval);
        Assert.All(managers, m => Assert.Equal(CircuitState.Open, m.ViewState(Service)));
    }

    private CircuitBreakerManager CreateSut(
        string instanceId = "i-1",
        int minInstances = 1,
        int? maxContribution = null,
        int halfOpenMaxCalls = 3,
        bool fallbackToLocalState = true,
        int timeoutSeconds = 60)
    {
        var manager = new CircuitBreakerManager(
            _table,
            new DistributedBreakerOptions
            {
                InstanceId = instanceId,
                FailureThreshold = 5,
                TimeoutSeconds = timeoutSeconds,
                HalfOpenMaxCalls = halfOpenMaxCalls,
                MinInstancesToOpen = minInstances,
                MaxContributionPerInstance = maxContribution,
                FallbackToLocalState = fallbackToLocalState,
                RefreshInterval = Interval,
            },
            _time,
            telemetry: _telemetry);
        _managers.Add(manager);
        return manager;
    }
}
