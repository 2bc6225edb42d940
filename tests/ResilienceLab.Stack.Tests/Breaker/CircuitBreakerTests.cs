using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Time.Testing;
using ResilienceLab.Stack.Breaker;

namespace ResilienceLab.Stack.Tests.Breaker;

public sealed class CircuitBreakerTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
    private readonly List<BreakerTransition> _transitions = [];

    [Fact]
    public void Acquire_Closed_PassesWithoutProbe()
    {
        var sut = CreateSut();

        var decision = sut.Acquire();

        Assert.True(decision.Allowed);
        Assert.False(decision.IsProbe);
        Assert.Equal(CircuitState.Closed, sut.State);
    }

    [Fact]
    public void RecordFailure_ThresholdConsecutiveFailures_OpensWithReason()
    {
        var sut = CreateSut(failureThreshold: 3);

        Fail(sut, 2);
        Assert.Equal(CircuitState.Closed, sut.State);
        Fail(sut, 1);

        Assert.Equal(CircuitState.Open, sut.State);
        var transition = Assert.Single(_transitions);
        Assert.Equal((CircuitState.Closed, CircuitState.Open), (transition.From, transition.To));
        Assert.Equal("3 consecutive failures reached failure_threshold 3", transition.Reason);
        Assert.Equal(_time.GetUtcNow(), transition.At);
    }

    [Fact]
    public void RecordSuccess_BetweenFailures_ResetsConsecutiveCount()
    {
        var sut = CreateSut(failureThreshold: 3);

        Fail(sut, 2);
        sut.RecordSuccess(sut.Acquire());
        Fail(sut, 2);

        Assert.Equal(CircuitState.Closed, sut.State);
        Assert.Equal(2, sut.FailureCount);
    }

    [Fact]
    public void Acquire_OpenBeforeBreakDuration_RejectsWithCircuitOpen()
    {
        var sut = CreateSut(failureThreshold: 1);
        Fail(sut, 1);
        _time.Advance(TimeSpan.FromSeconds(59));

        var decision = sut.Acquire();

        Assert.False(decision.Allowed);
        Assert.Equal("circuit_open", decision.RejectionReason);
        Assert.Equal(CircuitState.Open, sut.State);
    }

    [Fact]
    public void Acquire_OpenAfterBreakDuration_MovesToHalfOpenAndAdmitsProbes()
    {
        var sut = CreateSut(failureThreshold: 1, halfOpenMaxCalls: 2);
        Fail(sut, 1);
        _time.Advance(TimeSpan.FromSeconds(60));

        var first = sut.Acquire();

        Assert.True(first.Allowed);
        Assert.True(first.IsProbe);
        Assert.Equal(CircuitState.HalfOpen, sut.State);
        Assert.Equal("break duration elapsed", _transitions[^1].Reason);
    }

    [Fact]
    public void Acquire_HalfOpenBeyondMaxCalls_RejectsWithHalfOpenLimit()
    {
        var sut = CreateSut(failureThreshold: 1, halfOpenMaxCalls: 3, successesToClose: 3);
        Fail(sut, 1);
        _time.Advance(TimeSpan.FromSeconds(60));

        var probes = Enumerable.Range(0, 3).Select(_ => sut.Acquire()).ToList();
        var fourth = sut.Acquire();

        Assert.All(probes, p => Assert.True(p.IsProbe));
        Assert.False(fourth.Allowed);
        Assert.Equal("half_open_limit", fourth.RejectionReason);
    }

    [Fact]
    public void RecordSuccess_ProbeSucceedsWithDefaultSuccessesToClose_Closes()
    {
        var sut = CreateSut(failureThreshold: 1);
        Fail(sut, 1);
        _time.Advance(TimeSpan.FromSeconds(60));

        sut.RecordSuccess(sut.Acquire());

        Assert.Equal(CircuitState.Closed, sut.State);
        Assert.Equal(0, sut.FailureCount);
        Assert.Equal("1 probe(s) succeeded", _transitions[^1].Reason);
        Assert.Equal([CircuitState.Open, CircuitState.HalfOpen, CircuitState.Closed], _transitions.Select(t => t.To));
    }

    [Fact]
    public void RecordSuccess_FewerThanSuccessesToClose_StaysHalfOpenUntilEnough()
    {
        var sut = CreateSut(failureThreshold: 1, halfOpenMaxCalls: 3, successesToClose: 2);
        Fail(sut, 1);
        _time.Advance(TimeSpan.FromSeconds(60));
        var first = sut.Acquire();
        var second = sut.Acquire();

        sut.RecordSuccess(first);
        Assert.Equal(CircuitState.HalfOpen, sut.State);
        sut.RecordSuccess(second);

        Assert.Equal(CircuitState.Closed, sut.State);
        Assert.Equal("2 probe(s) succeeded", _transitions[^1].Reason);
    }

    [Fact]
    public void RecordFailure_ProbeFails_ReopensAndRestartsBreakDuration()
    {
        var sut = CreateSut(failureThreshold: 1, halfOpenMaxCalls: 2);
        Fail(sut, 1);
        _time.Advance(TimeSpan.FromSeconds(60));

        sut.RecordFailure(sut.Acquire());
        _time.Advance(TimeSpan.FromSeconds(30));

        Assert.Equal(CircuitState.Open, sut.State);
        Assert.Equal("a half-open probe failed", _transitions[^1].Reason);
        Assert.Equal("circuit_open", sut.Acquire().RejectionReason);
    }

    [Fact]
    public void RecordAbandoned_Probe_GivesItsSlotBack()
    {
        var sut = CreateSut(failureThreshold: 1, halfOpenMaxCalls: 1);
        Fail(sut, 1);
        _time.Advance(TimeSpan.FromSeconds(60));
        var probe = sut.Acquire();
        Assert.False(sut.Acquire().Allowed);

        sut.RecordAbandoned(probe);

        Assert.True(sut.Acquire().IsProbe);
    }

    [Fact]
    public void RecordSuccess_LateProbeFromEarlierHalfOpenRound_DoesNotCloseLaterRound()
    {
        var sut = CreateSut(failureThreshold: 1, halfOpenMaxCalls: 2);
        Fail(sut, 1);
        _time.Advance(TimeSpan.FromSeconds(60));
        var stale = sut.Acquire();
        sut.RecordFailure(sut.Acquire());
        _time.Advance(TimeSpan.FromSeconds(60));
        _ = sut.Acquire();

        sut.RecordSuccess(stale);

        Assert.Equal(CircuitState.HalfOpen, sut.State);
    }

    [Fact]
    public void Acquire_Disabled_AlwaysPassesAndNeverTransitions()
    {
        var sut = CreateSut(failureThreshold: 1, enabled: false);

        Fail(sut, 10);

        Assert.True(sut.Acquire().Allowed);
        Assert.Equal(CircuitState.Closed, sut.State);
        Assert.Empty(_transitions);
    }

    [Fact]
    public async Task ExecuteAsync_Open_ThrowsBrokenCircuitWithReason()
    {
        var sut = CreateSut(failureThreshold: 1);
        Fail(sut, 1);

        var ex = await Assert.ThrowsAsync<BrokenCircuitException>(() => sut.ExecuteAsync(_ => ValueTask.FromResult(1)).AsTask());

        Assert.Equal("circuit_open", ex.Reason);
        Assert.Equal("orders", ex.ServiceName);
    }

    [Fact]
    public async Task ExecuteAsync_ActionThrows_CountsFailureAndRethrows()
    {
        var sut = CreateSut(failureThreshold: 1);

        await Assert.ThrowsAsync<InvalidOperationException>(() => sut.ExecuteAsync<int>(_ => throw new InvalidOperationException()).AsTask());

        Assert.Equal(CircuitState.Open, sut.State);
    }

    [Fact]
    public async Task ExecuteAsync_CallerCancels_DoesNotCountFailure()
    {
        var sut = CreateSut(failureThreshold: 1);
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => sut.ExecuteAsync<int>(ct => ValueTask.FromCanceled<int>(ct), cts.Token).AsTask());

        Assert.Equal(CircuitState.Closed, sut.State);
    }

    [Fact]
    public void Constructor_SuccessesToCloseAboveMaxCalls_ThrowsListingEveryProblem()
    {
        var options = new CircuitBreakerOptions { FailureThreshold = 0, HalfOpenMaxCalls = 2, HalfOpenSuccessesToClose = 3 };

        var ex = Assert.Throws<ValidationException>(() => new CircuitBreaker("orders", options, _time));

        Assert.Contains("FailureThreshold", ex.Message);
        Assert.Contains("HalfOpenSuccessesToClose (3) must not exceed HalfOpenMaxCalls (2)", ex.Message);
    }

    private static void Fail(CircuitBreaker breaker, int times)
    {
        for (var i = 0; i < times; i++)
        {
            breaker.RecordFailure(breaker.Acquire());
        }
    }

    private CircuitBreaker CreateSut(int failureThreshold = 5, int halfOpenMaxCalls = 3, int successesToClose = 1, bool enabled = true)
    {
        var breaker = new CircuitBreaker(
            "orders",
            new CircuitBreakerOptions
            {
                FailureThreshold = failureThreshold,
                BreakDuration = TimeSpan.FromSeconds(60),
                HalfOpenMaxCalls = halfOpenMaxCalls,
                HalfOpenSuccessesToClose = successesToClose,
                Enabled = enabled,
            },
            _time);
        breaker.Transitioned += _transitions.Add;
        return breaker;
    }
}
