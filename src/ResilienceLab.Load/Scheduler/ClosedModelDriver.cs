namespace ResilienceLab.Load;

/// <summary>
/// The closed-model loop: virtual users (copies) each run the iteration back to back. A pure <see cref="CopiesRamp"/>
/// says how many copies each moment needs; this class only starts copies and lets surplus ones finish and leave.
/// </summary>
internal sealed class ClosedModelDriver
{
    private readonly IReadOnlyList<LoadSimulation> _simulations;
    private readonly IterationLauncher _launcher;
    private readonly ScheduleClock _clock;
    private readonly object _gate = new();
    private readonly List<bool> _running = [];
    private int _target;
    private int _runningCount;
    private long _budget = long.MaxValue;
    private TaskCompletionSource _idle = NewIdle();

    private readonly ExecutionSegment _segment;

    public ClosedModelDriver(IReadOnlyList<LoadSimulation> simulations, IterationLauncher launcher, ScheduleClock clock, ExecutionSegment segment)
    {
        _simulations = simulations;
        _launcher = launcher;
        _clock = clock;
        _segment = segment;
    }

    /// <summary>Runs the segments to their end or until <paramref name="stop"/>; returns when starting stopped (nominal end when fully time-based and not stopped).</summary>
    public async Task<TimeSpan> RunAsync(CancellationToken stop)
    {
        var copies = 0;
        var segmentStart = TimeSpan.Zero;
        var timeBased = true;
        try
        {
            foreach (var simulation in _simulations)
            {
                switch (simulation)
                {
                    case KeepConstant s:
                        await RunRampAsync(new CopiesRamp(s.Copies, s.Copies, s.During), segmentStart, stop).ConfigureAwait(false);
                        (copies, segmentStart) = (s.Copies, segmentStart + s.During);
                        break;
                    case RampingConstant s:
                        await RunRampAsync(new CopiesRamp(copies, s.Copies, s.During), segmentStart, stop).ConfigureAwait(false);
                        (copies, segmentStart) = (s.Copies, segmentStart + s.During);
                        break;
                    case Pause s:
                        await RunRampAsync(new CopiesRamp(0, 0, s.During), segmentStart, stop).ConfigureAwait(false);
                        (copies, segmentStart) = (0, segmentStart + s.During);
                        break;
                    case IterationsForConstant s:
                        await RunIterationsAsync(s, stop).ConfigureAwait(false);
                        (copies, segmentStart, timeBased) = (s.Copies, _clock.Elapsed, false);
                        break;
                    default:
                        throw new InvalidOperationException($"{simulation.GetType().Name} is not a closed-model simulation");
                }
            }

            return timeBased ? segmentStart : _clock.Elapsed;
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            return _clock.Elapsed;
        }
        finally
        {
            SetTarget(0);
        }
    }

    private async Task RunRampAsync(CopiesRamp ramp, TimeSpan segmentStart, CancellationToken stop)
    {
        while (true)
        {
            var offset = _clock.Elapsed - segmentStart;
            SetTarget(_segment.ShareOf(ramp.CopiesAt(offset)));
            if (offset >= ramp.During)
            {
                return;
            }

            var next = ramp.NextChangeAfter(offset) ?? ramp.During;
            await _clock.WaitUntilAsync(segmentStart + next, stop).ConfigureAwait(false);
        }
    }

    private async Task RunIterationsAsync(IterationsForConstant segment, CancellationToken stop)
    {
        if (_segment.ShareOf(segment.Copies) == 0 || IterationShare(segment) == 0)
        {
            // Another agent's part of the run.
            return;
        }

        Task idle;
        lock (_gate)
        {
            Interlocked.Exchange(ref _budget, IterationShare(segment));
            _idle = NewIdle();
            idle = _idle.Task;
        }

        SetTarget(_segment.ShareOf(segment.Copies));
        await idle.WaitAsync(stop).ConfigureAwait(false);
        lock (_gate)
        {
            Interlocked.Exchange(ref _budget, long.MaxValue);
        }
    }

    /// <summary>The iterations this agent runs: shared among the agents that have a copy at all, so none is lost.</summary>
    private long IterationShare(IterationsForConstant segment)
    {
        var agents = Math.Min(segment.Copies, _segment.Count);
        return _segment.Index > agents ? 0 : new ExecutionSegment(_segment.Index, agents).ShareOf((long)segment.Iterations);
    }

    private void SetTarget(int target)
    {
        List<int>? starting = null;
        lock (_gate)
        {
            Volatile.Write(ref _target, target);
            for (var index = 0; index < target; index++)
            {
                if (index == _running.Count)
                {
                    _running.Add(false);
                }

                if (!_running[index])
                {
                    _running[index] = true;
                    _runningCount++;
                    (starting ??= []).Add(index);
                }
            }
        }

        // Started outside the lock: a copy runs the iteration's synchronous part before its first await.
        foreach (var index in starting ?? [])
        {
            _ = CopyAsync(index);
        }
    }

    private async Task CopyAsync(int index)
    {
        while (true)
        {
            if (!(index < Volatile.Read(ref _target) && TryClaim()))
            {
                lock (_gate)
                {
                    if (!(index < _target && TryClaim()))
                    {
                        _running[index] = false;
                        if (--_runningCount == 0)
                        {
                            _idle.TrySetResult();
                        }

                        return;
                    }
                }
            }

            var iteration = _launcher.RunAsync();
            if (iteration.IsCompleted)
            {
                // A synchronous iteration would otherwise loop on the thread that started the copy.
                await Task.Yield();
            }

            await iteration.ConfigureAwait(false);
        }
    }

    private bool TryClaim() =>
        Volatile.Read(ref _budget) == long.MaxValue || Interlocked.Decrement(ref _budget) >= 0;

    private static TaskCompletionSource NewIdle() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
