using System.Collections.Concurrent;
using System.Runtime.CompilerServices;

namespace ResilienceLab.Load;

/// <summary>
/// Starts iterations and tracks them: the in-flight count and cap, the outcome of each (a thrown exception is a failure
/// named after its type), the stats, and at the end the abandonment of whatever outlived the grace period.
/// </summary>
internal sealed class IterationLauncher
{
    /// <summary>The failure reason of an iteration cancelled at the end of the grace period.</summary>
    public const string CancelledReason = "cancelled";

    private readonly LoadIteration _iteration;
    private readonly RunStats _stats;
    private readonly ScheduleClock _clock;
    private readonly int _maxInFlight;
    private readonly CancellationToken _iterationToken;
    private readonly bool _inlineStarts;
    private readonly ConcurrentDictionary<long, IterationRun> _active = new();
    private readonly TaskCompletionSource _drained = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _startsSettled = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _inFlight;
    private int _queuedStarts;
    private int _closed;
    private int _draining;
    private long _nextClosedNumber;

    public IterationLauncher(LoadIteration iteration, RunStats stats, ScheduleClock clock, int maxInFlight, CancellationToken iterationToken, bool inlineStarts = false)
    {
        _inlineStarts = inlineStarts;
        _iteration = iteration;
        _stats = stats;
        _clock = clock;
        _maxInFlight = maxInFlight;
        _iterationToken = iterationToken;
    }

    public int InFlight => Volatile.Read(ref _inFlight);

    /// <summary>Open model: starts iteration <paramref name="number"/> without awaiting it, or drops it when the cap is full.</summary>
    public bool TryLaunch(long number, TimeSpan intendedStart)
    {
        if (Interlocked.Increment(ref _inFlight) > _maxInFlight)
        {
            Interlocked.Decrement(ref _inFlight);
            _stats.Dropped(intendedStart);
            return false;
        }

        var inSummary = _stats.InSummary(intendedStart);
        if (!_clock.IsRealTime || _inlineStarts)
        {
            // On a fake clock everything due runs inside Advance, in order, so tests stay deterministic; inline starts
            // (a plan's choice) run on the scheduler's thread, which then waits for no pool thread.
            StartNow(number, intendedStart, inSummary);
            return true;
        }

        // The iteration's synchronous part runs on a pool thread, not on the scheduler's: the next start is not held up
        // by this one. Its actual start (and so the lag) is taken when it really begins, queueing included.
        Interlocked.Increment(ref _queuedStarts);
        ThreadPool.UnsafeQueueUserWorkItem(
            static state => state.Launcher.StartQueued(state.Number, state.IntendedStart, state.InSummary),
            (Launcher: this, Number: number, IntendedStart: intendedStart, InSummary: inSummary),
            preferLocal: false);
        return true;
    }

    /// <summary>
    /// No more starts: iterations still queued for a pool thread are counted as cancelled when their turn comes; completes
    /// once every queued start has had it, so nothing records into the stats after they are built.
    /// </summary>
    public Task CloseAsync()
    {
        Volatile.Write(ref _closed, 1);
        if (Volatile.Read(ref _queuedStarts) == 0)
        {
            _startsSettled.TrySetResult();
        }

        return _startsSettled.Task;
    }

    private void StartQueued(long number, TimeSpan intendedStart, bool inSummary)
    {
        try
        {
            if (Volatile.Read(ref _closed) == 1)
            {
                // Its turn came after the run's end: it never ran, which the user would have seen as a failure.
                var bucket = _stats.BucketFor(intendedStart);
                _stats.Started(bucket, inSummary);
                _stats.Abandoned(bucket, inSummary, CancelledReason);
                Interlocked.Decrement(ref _inFlight);
                return;
            }

            StartNow(number, intendedStart, inSummary);
        }
        finally
        {
            if (Interlocked.Decrement(ref _queuedStarts) == 0 && Volatile.Read(ref _closed) == 1)
            {
                _startsSettled.TrySetResult();
            }
        }
    }

    private void StartNow(long number, TimeSpan intendedStart, bool inSummary)
    {
        var actualStart = _clock.Elapsed;
        var run = Begin(new IterationContext(number, intendedStart, actualStart), inSummary);
        _stats.ScheduleLag(run.Bucket, actualStart - intendedStart, inSummary);
        // Fire and forget: an open-model start is never awaited (its box is then simply not reused).
#pragma warning disable CA2012
        _ = ExecuteAsync(run);
#pragma warning restore CA2012
    }

    /// <summary>Closed model: runs one iteration now and completes when it has.</summary>
    public ValueTask RunAsync()
    {
        Interlocked.Increment(ref _inFlight);
        var start = _clock.Elapsed;
        var number = Interlocked.Increment(ref _nextClosedNumber) - 1;
        return ExecuteAsync(Begin(new IterationContext(number, start, start), _stats.InSummary(start)));
    }

    /// <summary>Completes once nothing is in flight; call after the last start.</summary>
    public Task WhenDrained()
    {
        Volatile.Write(ref _draining, 1);
        if (InFlight == 0)
        {
            _drained.TrySetResult();
        }

        return _drained.Task;
    }

    /// <summary>Counts every iteration still in flight as failed (<c>cancelled</c>); their later completion is ignored.</summary>
    public int AbandonInFlight()
    {
        var abandoned = 0;
        foreach (var (number, run) in _active)
        {
            if (run.TryFinish())
            {
                _active.TryRemove(number, out _);
                _stats.Abandoned(run.Bucket, run.InSummary, CancelledReason);
                Interlocked.Decrement(ref _inFlight);
                abandoned++;
            }
        }

        return abandoned;
    }

    private IterationRun Begin(IterationContext context, bool inSummary)
    {
        var bucket = _stats.BucketFor(context.IntendedStart);
        _stats.Started(bucket, inSummary);
        var run = new IterationRun(context, bucket, inSummary);
        _active[context.Number] = run;
        return run;
    }

    // Pooled: a virtual user runs one after another, so the state machine is reused instead of allocated per iteration.
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    private async ValueTask ExecuteAsync(IterationRun run)
    {
        IterationOutcome outcome;
        try
        {
            outcome = await _iteration(run.Context, _iterationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (_iterationToken.IsCancellationRequested)
        {
            outcome = IterationOutcome.Failure(CancelledReason);
        }
        catch (Exception exception)
        {
            outcome = IterationOutcome.Failure(exception.GetType().Name);
        }

        if (!run.TryFinish())
        {
            return;
        }

        var end = _clock.Elapsed;
        _active.TryRemove(run.Context.Number, out _);
        _stats.Completed(run.Bucket, run.InSummary, outcome, end - run.Context.IntendedStart, end - run.Context.ActualStart);
        if (Interlocked.Decrement(ref _inFlight) == 0 && Volatile.Read(ref _draining) == 1)
        {
            _drained.TrySetResult();
        }
    }
}
