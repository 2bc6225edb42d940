namespace ResilienceLab.Load;

/// <summary>
/// Runs a <see cref="LoadPlan"/>: the open model starts each iteration at its intended time from
/// <see cref="ArrivalSchedule"/> (dropping, not queueing, when <see cref="LoadPlan.MaxInFlight"/> is full); the closed
/// model loops virtual users. Latency is measured from the intended start (coordinated-omission corrected) and from the
/// actual start (service time). Cancelling the token is a graceful stop: no new starts, in-flight iterations get the
/// grace period, the partial result comes back with <see cref="LoadResult.Cancelled"/> set.
/// </summary>
public sealed class LoadRunner
{
    private static readonly TimeSpan ProgressInterval = TimeSpan.FromSeconds(1);
    private readonly TimeProvider _timeProvider;
    private readonly long? _originTimestamp;

    /// <param name="timeProvider">The run's clock.</param>
    /// <param name="originTimestamp">The timestamp intended starts count from (the run's time zero, shared with everything
    /// else it measures); null starts the schedule when <see cref="RunAsync"/> is called.</param>
    public LoadRunner(TimeProvider timeProvider, long? originTimestamp = null)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        _timeProvider = timeProvider;
        _originTimestamp = originTimestamp;
    }

    /// <exception cref="LoadPlanException">The plan is invalid (nothing was started).</exception>
    public async Task<LoadResult> RunAsync(LoadPlan plan, LoadIteration iteration, IProgress<LoadProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(iteration);
        var errors = LoadPlanValidator.Validate(plan);
        if (errors.Count > 0)
        {
            throw new LoadPlanException(errors);
        }

        var total = plan.TotalDuration;
        var clock = new ScheduleClock(_timeProvider, _originTimestamp);
        var stats = new RunStats(plan.WarmUp, total);
        using var iterationCancellation = new CancellationTokenSource();
        var launcher = new IterationLauncher(iteration, stats, clock, plan.MaxInFlight, iterationCancellation.Token, plan.InlineStarts);
        using var tickerCancellation = new CancellationTokenSource();
        var ticker = TickAsync(clock, stats, launcher, total, progress, tickerCancellation.Token);

        var loadEnd = plan.IsOpenModel
            ? await new OpenModelDriver(new ArrivalSchedule(plan.Simulations), launcher, clock, plan.Segment).RunAsync(cancellationToken).ConfigureAwait(false)
            : await new ClosedModelDriver(plan.Simulations, launcher, clock, plan.Segment).RunAsync(cancellationToken).ConfigureAwait(false);

        await DrainAsync(clock, launcher, plan.GracePeriod).ConfigureAwait(false);
        await launcher.CloseAsync().ConfigureAwait(false);
        launcher.AbandonInFlight();
        await iterationCancellation.CancelAsync().ConfigureAwait(false);

        await tickerCancellation.CancelAsync().ConfigureAwait(false);
        await ticker.ConfigureAwait(false);
        var elapsed = clock.Elapsed;
        stats.Tick(elapsed, launcher.InFlight);
        progress?.Report(stats.Progress(elapsed, total, launcher.InFlight));
        return stats.Build(elapsed, loadEnd, cancellationToken.IsCancellationRequested);
    }

    private static async Task DrainAsync(ScheduleClock clock, IterationLauncher launcher, TimeSpan gracePeriod)
    {
        var drained = launcher.WhenDrained();
        if (drained.IsCompleted || gracePeriod <= TimeSpan.Zero)
        {
            return;
        }

        using var graceCancellation = new CancellationTokenSource();
        var grace = clock.DelayAsync(gracePeriod, graceCancellation.Token).AsTask();
        await Task.WhenAny(drained, grace).ConfigureAwait(false);
        await graceCancellation.CancelAsync().ConfigureAwait(false);
    }

    private static async Task TickAsync(ScheduleClock clock, RunStats stats, IterationLauncher launcher, TimeSpan total,
        IProgress<LoadProgress>? progress, CancellationToken cancellationToken)
    {
        var next = ProgressInterval;
        try
        {
            while (true)
            {
                var wait = next - clock.Elapsed;
                if (wait > TimeSpan.Zero)
                {
                    await clock.DelayAsync(wait, cancellationToken).ConfigureAwait(false);
                }

                var now = clock.Elapsed;
                if (now < next)
                {
                    continue;
                }

                stats.Tick(now, launcher.InFlight);
                var snapshot = stats.Progress(now, total, launcher.InFlight);
                progress?.Report(snapshot);

                // Ticks land on whole seconds; a late tick skips the seconds it missed instead of bunching up.
                next = TimeSpan.FromTicks(((now.Ticks / ProgressInterval.Ticks) + 1) * ProgressInterval.Ticks);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The run is over.
        }
    }
}
