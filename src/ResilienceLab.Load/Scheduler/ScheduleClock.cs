namespace ResilienceLab.Load;

/// <summary>
/// Run-relative time and waiting until an offset. On the system clock the bulk of a wait is a timer and the last
/// stretch a yielding spin, because timers alone overshoot by about a millisecond; any other provider (a fake clock in
/// tests) only ever uses its own timers, so runs on it stay deterministic.
/// </summary>
internal sealed class ScheduleClock
{
    /// <summary>Waits longer than this start with a timer.</summary>
    public static readonly TimeSpan TimerThreshold = TimeSpan.FromMilliseconds(3);

    /// <summary>How much of a timed wait is left to the spin, to absorb timer overshoot.</summary>
    public static readonly TimeSpan SpinWindow = TimeSpan.FromMilliseconds(2);

    /// <summary>Blocking waits longer than this start on the stop token's wait handle (whole milliseconds, woken by a stop).</summary>
    public static readonly TimeSpan BlockAbove = TimeSpan.FromMilliseconds(3);

    /// <summary>How much of a blocking wait is left to the precise sleep and the spin.</summary>
    public static readonly TimeSpan BlockMargin = TimeSpan.FromMilliseconds(1.5);

    /// <summary>Blocking waits shorter than this spin; longer ones sleep precisely up to <see cref="SleepSlack"/> before the target.</summary>
    public static readonly TimeSpan SpinBelow = TimeSpan.FromMicroseconds(25);

    /// <summary>How early a precise sleep aims, to absorb how late it wakes on a quiet machine (timer slack tightened to 1 µs).</summary>
    public static readonly TimeSpan SleepSlack = TimeSpan.FromMicroseconds(15);

    private readonly TimeProvider _timeProvider;
    private readonly long _startTimestamp;
    private readonly bool _spin;

    public ScheduleClock(TimeProvider timeProvider, long? startTimestamp = null)
    {
        _timeProvider = timeProvider;
        _startTimestamp = startTimestamp ?? timeProvider.GetTimestamp();
        _spin = ReferenceEquals(timeProvider, TimeProvider.System);
    }

    public TimeProvider TimeProvider => _timeProvider;

    /// <summary>True on the system clock: waits spin their last stretch and iterations start off the scheduler's thread.</summary>
    public bool IsRealTime => _spin;

    public TimeSpan Elapsed => _timeProvider.GetElapsedTime(_startTimestamp);

    /// <summary>Returns once <see cref="Elapsed"/> has reached <paramref name="target"/>; throws when cancelled first.</summary>
    public async ValueTask WaitUntilAsync(TimeSpan target, CancellationToken cancellationToken)
    {
        while (true)
        {
            var remaining = target - Elapsed;
            if (remaining <= TimeSpan.Zero)
            {
                return;
            }

            if (!_spin)
            {
                await DelayAsync(remaining, cancellationToken).ConfigureAwait(false);
                continue;
            }

            if (remaining > TimerThreshold)
            {
                await DelayAsync(remaining - SpinWindow, cancellationToken).ConfigureAwait(false);
                continue;
            }

            cancellationToken.ThrowIfCancellationRequested();
            if (!Thread.Yield())
            {
                Thread.SpinWait(20);
            }
        }
    }

    /// <summary>
    /// System clock only: blocks the calling thread (its own, not a pool thread) until <see cref="Elapsed"/> has reached
    /// <paramref name="target"/>: a wait on the stop token for the bulk, a sub-millisecond sleep, then a yielding spin for
    /// the last tens of microseconds. Throws when cancelled first.
    /// </summary>
    public void WaitUntil(TimeSpan target, CancellationToken cancellationToken)
    {
        if (!_spin)
        {
            throw new InvalidOperationException("a blocking wait needs the system clock; a fake clock advances only through its timers");
        }

        while (true)
        {
            var remaining = target - Elapsed;
            if (remaining <= TimeSpan.Zero)
            {
                return;
            }

            cancellationToken.ThrowIfCancellationRequested();
            if (remaining > BlockAbove)
            {
                cancellationToken.WaitHandle.WaitOne(remaining - BlockMargin);
            }
            else if (remaining > SpinBelow && PreciseSleep.IsAvailable)
            {
                PreciseSleep.Sleep(remaining - SleepSlack);
            }
            else if (!Thread.Yield())
            {
                Thread.SpinWait(20);
            }
        }
    }

    /// <summary>
    /// A one-shot timer on the provider whose continuation runs on the thread that fires it (Task.Delay with a
    /// TimeProvider hops to the thread pool), so on a fake clock everything due runs inside Advance, in order.
    /// </summary>
    public async ValueTask DelayAsync(TimeSpan due, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var fired = new TaskCompletionSource();
        using var registration = cancellationToken.UnsafeRegister(
            static (state, token) => ((TaskCompletionSource)state!).TrySetCanceled(token), fired);
        using var timer = _timeProvider.CreateTimer(static state => ((TaskCompletionSource)state!).TrySetResult(), fired, due, Timeout.InfiniteTimeSpan);
        await fired.Task.ConfigureAwait(false);
    }
}
