using Microsoft.Extensions.Time.Testing;

namespace ResilienceLab.Load.Tests;

/// <summary>
/// Drives a run on a fake clock: advance in fixed steps, then await what was started. Advancing happens outside the
/// test framework's synchronization context, so work due at a step runs inside that step, in order.
/// </summary>
internal static class FakeClock
{
    public static FakeTimeProvider Create() => new(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero));

    public static void Advance(FakeTimeProvider clock, TimeSpan total, TimeSpan step)
    {
        for (var advanced = TimeSpan.Zero; advanced < total; advanced += step)
        {
            OutsideContext(() => clock.Advance(step));
        }
    }

    /// <summary>Runs <paramref name="action"/> with no synchronization context, so continuations it triggers run inline.</summary>
    public static void OutsideContext(Action action)
    {
        var previous = SynchronizationContext.Current;
        SynchronizationContext.SetSynchronizationContext(null);
        try
        {
            action();
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(previous);
        }
    }

    /// <summary>Advances in steps until <paramref name="run"/> completes, up to <paramref name="limit"/> of fake time.</summary>
    public static async Task<T> AdvanceUntilDoneAsync<T>(FakeTimeProvider clock, Task<T> run, TimeSpan step, TimeSpan limit)
    {
        for (var advanced = TimeSpan.Zero; !run.IsCompleted && advanced < limit; advanced += step)
        {
            OutsideContext(() => clock.Advance(step));
            await Task.Yield();
        }

        return await run.WaitAsync(TimeSpan.FromSeconds(30));
    }

    /// <summary>A delay on the fake clock whose continuation runs inside the Advance that ends it (Task.Delay would hop to the thread pool).</summary>
    public static async Task Delay(FakeTimeProvider clock, TimeSpan due)
    {
        var fired = new TaskCompletionSource();
        using var timer = clock.CreateTimer(static state => ((TaskCompletionSource)state!).TrySetResult(), fired, due, Timeout.InfiniteTimeSpan);
        await fired.Task.ConfigureAwait(false);
    }
}
