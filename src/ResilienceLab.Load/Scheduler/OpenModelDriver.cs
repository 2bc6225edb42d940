namespace ResilienceLab.Load;

/// <summary>
/// The open-model timed loop. It only acts on the schedule: wait until the next intended start, then start every
/// iteration whose intended start has passed (catch-up without drift), each fired without awaiting.
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
    public async Task<TimeSpan> RunAsync(CancellationToken stop)
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
                    await _clock.WaitUntilAsync(intendedStart, stop).ConfigureAwait(false);
                }

                stop.ThrowIfCancellationRequested();
                _launcher.TryLaunch(number++, intendedStart);
            }

            await _clock.WaitUntilAsync(_schedule.Duration, stop).ConfigureAwait(false);
            return _schedule.Duration;
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            return _clock.Elapsed;
        }
    }
}
