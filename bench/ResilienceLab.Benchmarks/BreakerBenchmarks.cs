using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Polly;
using Polly.CircuitBreaker;
using OurCircuitBreaker = ResilienceLab.Stack.Breaker.CircuitBreaker;
using OurCircuitBreakerOptions = ResilienceLab.Stack.Breaker.CircuitBreakerOptions;

namespace ResilienceLab.Benchmarks;

/// <summary>
/// Our breaker's closed path (acquire + record, and ExecuteAsync over a completed ValueTask) and open-path rejection,
/// beside Polly.Core's circuit breaker doing the same work in the same run. Each category has Polly as its baseline.
/// </summary>
[MemoryDiagnoser]
[CategoriesColumn]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
public class BreakerBenchmarks
{
    private static readonly Func<CancellationToken, ValueTask<int>> Completed = static _ => new ValueTask<int>(1);

    private OurCircuitBreaker _closed = null!;
    private OurCircuitBreaker _open = null!;
    private ResiliencePipeline _pollyClosed = null!;
    private ResiliencePipeline _pollyOpen = null!;

    [GlobalSetup]
    public void Setup()
    {
        _closed = new OurCircuitBreaker("bench", new OurCircuitBreakerOptions(), TimeProvider.System);
        _open = new OurCircuitBreaker("bench", new OurCircuitBreakerOptions { FailureThreshold = 1, BreakDuration = TimeSpan.FromHours(1) }, TimeProvider.System);
        _open.RecordFailure(_open.Acquire());
        if (_open.State != ResilienceLab.Stack.Breaker.CircuitState.Open)
        {
            throw new InvalidOperationException("the open breaker did not open");
        }

        _pollyClosed = new ResiliencePipelineBuilder()
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions { BreakDuration = TimeSpan.FromSeconds(60) })
            .Build();
        _pollyOpen = new ResiliencePipelineBuilder()
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions
            {
                BreakDuration = TimeSpan.FromHours(1),
                ManualControl = new CircuitBreakerManualControl(isIsolated: true),
            })
            .Build();
    }

    [Benchmark(Baseline = true)]
    [BenchmarkCategory("Closed")]
    public ValueTask<int> Polly_Closed_ExecuteAsync() => _pollyClosed.ExecuteAsync(Completed);

    [Benchmark]
    [BenchmarkCategory("Closed")]
    public bool Ours_Closed_AcquireRecordSuccess()
    {
        var decision = _closed.Acquire();
        _closed.RecordSuccess(decision);
        return decision.Allowed;
    }

    [Benchmark]
    [BenchmarkCategory("Closed")]
    public ValueTask<int> Ours_Closed_ExecuteAsync() => _closed.ExecuteAsync(Completed);

    [Benchmark(Baseline = true)]
    [BenchmarkCategory("Open")]
    public async ValueTask<bool> Polly_Open_ExecuteOutcomeAsync()
    {
        // Outcome-returning execution: the isolated breaker's rejection comes back as an outcome, not a throw.
        var context = ResilienceContextPool.Shared.Get();
        var outcome = await _pollyOpen.ExecuteOutcomeAsync(static (_, state) => Outcome.FromResultAsValueTask(state), context, 1).ConfigureAwait(false);
        ResilienceContextPool.Shared.Return(context);
        return outcome.Exception is IsolatedCircuitException;
    }

    [Benchmark]
    [BenchmarkCategory("Open")]
    public bool Ours_Open_Acquire() => !_open.Acquire().Allowed;

    [Benchmark(Baseline = true)]
    [BenchmarkCategory("OpenThrows")]
    public async ValueTask<bool> Polly_Open_ExecuteAsyncThrows()
    {
        try
        {
            await _pollyOpen.ExecuteAsync(Completed).ConfigureAwait(false);
            return false;
        }
        catch (IsolatedCircuitException)
        {
            return true;
        }
    }

    [Benchmark]
    [BenchmarkCategory("OpenThrows")]
    public async ValueTask<bool> Ours_Open_ExecuteAsyncThrows()
    {
        try
        {
            await _open.ExecuteAsync(Completed).ConfigureAwait(false);
            return false;
        }
        catch (ResilienceLab.Stack.Breaker.BrokenCircuitException)
        {
            return true;
        }
    }
}
