namespace ResilienceLab.Load;

/// <summary>
/// The open-model timed loop. It only acts on the schedule: wait until the next intended start, then start every
/// iteration whose intended start has passed (catch-up without drift), each fired without awaiting. On the system
/// clock the loop has a thread of its own and waits by blocking and sleeping precisely on it (a pool thread spinning
/// through sub-millisecond gaps burns a core and is descheduled for milliseconds on a busy machine); on a fake clock it
/// waits on the clock's timers, so tests stay deterministic.
/// </summary>
internal sealed class OpenModelDriver
{
    private readonly ArrivalSchedule _schedule;
    private readonly IterationLauncher _launcher;
    private readonly ScheduleClock _clock;
    private readonly ExecutionSegment _segment;

    public OpenModelDriver(ArrivalSchedule schedule, IterationLauncher launcher, ScheduleClock clock, ExecutionSegment segment)
    {
        _schedule = schedule;
        _launcher = launcher;
        _clock = clock;
        _segment = segment;
    }

    /// <summary>Runs the schedule to its end or until <paramref name="stop"/>; returns when starting stopped (nominal end when not stopped).</summary>
    public Task<TimeSpan> RunAsync(CancellationToken stop)
    {
        if (!_clock.IsRealTime)
        {
            return RunLoopAsync(blocking: false, stop);
        }

        var finished = new TaskCompletionSource<TimeSpan>(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            try
            {
                PreciseSleep.TightenForCurrentThread();

                // Every wait blocks, so the loop completes synchronously on this thread.
                finished.TrySetResult(RunLoopAsync(blocking: true, stop).GetAwaiter().GetResult());
            }
            catch (Exception exception)
            {
                finished.TrySetException(exception);
            }
        })
        {
            IsBackground = true,
            Name = "open-model schedule",
        };
        thread.Start();
        return finished.Task;
    }

    private async Task<TimeSpan> RunLoopAsync(bool blocking, CancellationToken stop)
    {
        long number = 0;
        try
        {
            foreach (var intendedStart in _schedule.IntendedStarts())
            {
                if (!_segment.Owns(number))
                {
                    // Another agent's arrival: numbered all the same, so every agent numbers the schedule alike.
                    number++;
                    continue;
                }

                if (intendedStart > _clock.Elapsed)
                {
                    await WaitUntilAsync(intendedStart, blocking, stop).ConfigureAwait(false);
                }

                stop.ThrowIfCancellationRequested();
                _launcher.TryLaunch(number++, intendedStart);
            }

            await WaitUntilAsync(_schedule.Duration, blocking, stop).ConfigureAwait(false);
            return _schedule.Duration;
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            return _clock.Elapsed;
        }
    }

    private ValueTask WaitUntilAsync(TimeSpan target, bool blocking, CancellationToken stop)
    {
        if (!blocking)
        {
            return _clock.WaitUntilAsync(target, stop);
        }

        _clock.WaitUntil(target, stop);
        return ValueTask.CompletedTask;
    }
}
