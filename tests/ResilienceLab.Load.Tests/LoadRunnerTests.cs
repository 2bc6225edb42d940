using Microsoft.Extensions.Time.Testing;
using ResilienceLab.Load;

namespace ResilienceLab.Load.Tests;

public class LoadRunnerTests
{
    private static readonly TimeSpan S = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Step = TimeSpan.FromMilliseconds(10);
    private static readonly LoadIteration Instant = (_, _) => ValueTask.FromResult(IterationOutcome.Success);

    [Fact]
    public async Task RunAsync_ConstantRateInstantTarget_StartsEveryScheduledIterationOnTime()
    {
        var clock = FakeClock.Create();
        var contexts = new List<IterationContext>();
        var run = CreateSut(clock).RunAsync(new LoadPlan([new Inject(10, S, 2 * S)]), (context, _) =>
        {
            contexts.Add(context);
            return ValueTask.FromResult(IterationOutcome.Success);
        });

        var result = await FakeClock.AdvanceUntilDoneAsync(clock, run, Step, 3 * S);

        Assert.Equal(20, result.Summary.Started);
        Assert.Equal(20, result.Summary.Ok);
        Assert.Equal(10, result.Summary.RequestsPerSecond, 6);
        Assert.All(contexts, c => Assert.Equal(c.IntendedStart, c.ActualStart));
        Assert.Equal(Enumerable.Range(0, 20).Select(i => TimeSpan.FromMilliseconds(100 * i)), contexts.Select(c => c.IntendedStart));
        Assert.Equal([10L, 10L], result.Timeline.Select(t => t.Started));
        Assert.Equal(0, result.Summary.ScheduleLag.MaxMs);
        Assert.False(result.Cancelled);
    }

    [Fact]
    public async Task RunAsync_SlowTargetWithSmallCap_DropsAndCountsInsteadOfQueueing()
    {
        var clock = FakeClock.Create();
        var release = new TaskCompletionSource<IterationOutcome>();
        var run = CreateSut(clock).RunAsync(new LoadPlan([new Inject(100, S, S)]) { MaxInFlight = 5 },
            (_, _) => new ValueTask<IterationOutcome>(release.Task));

        FakeClock.Advance(clock, S, Step);
        FakeClock.OutsideContext(() => release.SetResult(IterationOutcome.Success));
        var result = await FakeClock.AdvanceUntilDoneAsync(clock, run, Step, S);

        Assert.Equal(5, result.Summary.Started);
        Assert.Equal(95, result.Summary.Dropped);
        Assert.Equal(5, result.Summary.Ok);
        Assert.Equal(100, result.Summary.Scheduled);
        Assert.Equal(95, Assert.Single(result.Timeline).Dropped);
    }

    [Fact]
    public async Task RunAsync_TargetStallsTheCaller_CorrectedLatencyShowsTheQueueingServiceTimeHides()
    {
        var clock = FakeClock.Create();

        // Iteration 50 blocks its caller for one second, as a synchronous client stuck on a stalled target would.
        var run = CreateSut(clock).RunAsync(new LoadPlan([new Inject(100, S, 3 * S)]), (context, _) =>
        {
            if (context.Number == 50)
            {
                clock.Advance(S);
            }

            return ValueTask.FromResult(IterationOutcome.Success);
        });

        var result = await FakeClock.AdvanceUntilDoneAsync(clock, run, Step, 4 * S);

        Assert.Equal(300, result.Summary.Ok);
        Assert.Equal(0, result.Summary.ServiceTime.P99Ms);
        Assert.InRange(result.Summary.ServiceTime.MaxMs, 1000, 1005);
        Assert.InRange(result.Summary.Latency.P99Ms, 950, 1005);
        Assert.InRange(result.Summary.Latency.P95Ms, 800, 1005);
        Assert.InRange(result.Summary.ScheduleLag.P99Ms, 950, 1005);
        Assert.Equal(0, result.Timeline[2].Latency.P99Ms);
        Assert.InRange(result.Timeline[0].Latency.MaxMs, 980, 1010);
    }

    [Fact]
    public async Task RunAsync_CancelledWhileIterationsHang_StopsStartingWaitsGraceThenCountsThemCancelled()
    {
        var clock = FakeClock.Create();
        using var stop = new CancellationTokenSource();
        var never = new TaskCompletionSource<IterationOutcome>();
        var run = CreateSut(clock).RunAsync(new LoadPlan([new Inject(10, S, 10 * S)]) { GracePeriod = 2 * S },
            (_, _) => new ValueTask<IterationOutcome>(never.Task), cancellationToken: stop.Token);

        FakeClock.Advance(clock, TimeSpan.FromMilliseconds(1950), TimeSpan.FromMilliseconds(50));
        FakeClock.OutsideContext(stop.Cancel);
        var result = await FakeClock.AdvanceUntilDoneAsync(clock, run, TimeSpan.FromMilliseconds(100), 10 * S);

        Assert.True(result.Cancelled);
        Assert.Equal(20, result.Summary.Started);
        Assert.Equal(20, result.Summary.Failed);
        Assert.Equal(20, result.Summary.FailedByReason["cancelled"]);
        Assert.Equal(0, result.Summary.Dropped);
        Assert.Equal(2, result.Timeline.Count);
    }

    [Fact]
    public async Task RunAsync_CancelledAndIterationsFinishWithinGrace_CountsThemOk()
    {
        var clock = FakeClock.Create();
        using var stop = new CancellationTokenSource();
        var release = new TaskCompletionSource<IterationOutcome>();
        var run = CreateSut(clock).RunAsync(new LoadPlan([new Inject(10, S, 10 * S)]),
            (_, _) => new ValueTask<IterationOutcome>(release.Task), cancellationToken: stop.Token);

        FakeClock.Advance(clock, TimeSpan.FromMilliseconds(950), TimeSpan.FromMilliseconds(50));
        FakeClock.OutsideContext(stop.Cancel);
        FakeClock.OutsideContext(() => release.SetResult(IterationOutcome.Success));
        var result = await FakeClock.AdvanceUntilDoneAsync(clock, run, TimeSpan.FromMilliseconds(100), 10 * S);

        Assert.True(result.Cancelled);
        Assert.Equal(10, result.Summary.Ok);
        Assert.Equal(0, result.Summary.Failed);
    }

    [Fact]
    public async Task RunAsync_WarmUp_IsInTheTimelineButNotTheSummary()
    {
        var clock = FakeClock.Create();
        var run = CreateSut(clock).RunAsync(new LoadPlan([new Inject(10, S, 3 * S)]) { WarmUp = S }, Instant);

        var result = await FakeClock.AdvanceUntilDoneAsync(clock, run, Step, 4 * S);

        Assert.Equal(20, result.Summary.Started);
        Assert.Equal(10, result.Summary.RequestsPerSecond, 6);
        Assert.Equal([true, false, false], result.Timeline.Select(t => t.IsWarmUp));
        Assert.Equal(30, result.Timeline.Sum(t => t.Ok));
    }

    [Fact]
    public async Task RunAsync_IterationThrowsOrFails_CountsFailuresByReason()
    {
        var clock = FakeClock.Create();
        var run = CreateSut(clock).RunAsync(new LoadPlan([new Inject(10, S, S)]), (context, _) => context.Number switch
        {
            < 3 => throw new InvalidOperationException("boom"),
            < 5 => ValueTask.FromResult(IterationOutcome.Failure("http_503")),
            _ => ValueTask.FromResult(IterationOutcome.Success),
        });

        var result = await FakeClock.AdvanceUntilDoneAsync(clock, run, Step, 2 * S);

        Assert.Equal(5, result.Summary.Ok);
        Assert.Equal(5, result.Summary.Failed);
        Assert.Equal(new Dictionary<string, long> { ["InvalidOperationException"] = 3, ["http_503"] = 2 }, result.Summary.FailedByReason);
        Assert.Equal(3, result.Timeline[0].FailedByReason["InvalidOperationException"]);
    }

    [Fact]
    public async Task RunAsync_KeepConstant_CopiesLoopBackToBackWithServiceTimeAsLatency()
    {
        var clock = FakeClock.Create();
        var run = CreateSut(clock).RunAsync(new LoadPlan([new KeepConstant(2, S)]), async (_, ct) =>
        {
            await FakeClock.Delay(clock, TimeSpan.FromMilliseconds(100)).ConfigureAwait(false);
            return IterationOutcome.Success;
        });

        var result = await FakeClock.AdvanceUntilDoneAsync(clock, run, Step, 3 * S);

        Assert.Equal(20, result.Summary.Ok);
        Assert.Equal(100, result.Summary.Latency.P99Ms, 0);
        Assert.Equal(result.Summary.Latency, result.Summary.ServiceTime);
        Assert.Equal(20, result.Summary.RequestsPerSecond, 6);
    }

    [Fact]
    public async Task RunAsync_IterationsForConstant_RunsExactlyThatManyThenEnds()
    {
        var clock = FakeClock.Create();
        var run = CreateSut(clock).RunAsync(new LoadPlan([new IterationsForConstant(3, 10)]), async (_, ct) =>
        {
            await FakeClock.Delay(clock, TimeSpan.FromMilliseconds(100)).ConfigureAwait(false);
            return IterationOutcome.Success;
        });

        var result = await FakeClock.AdvanceUntilDoneAsync(clock, run, Step, 3 * S);

        Assert.Equal(10, result.Summary.Ok);
        Assert.Equal(10, result.Summary.Started);
    }

    [Fact]
    public async Task RunAsync_EverySecond_ReportsProgress()
    {
        var clock = FakeClock.Create();
        var progress = new SyncProgress<LoadProgress>();
        var run = CreateSut(clock).RunAsync(new LoadPlan([new Inject(10, S, 3 * S)]), Instant, progress);

        var result = await FakeClock.AdvanceUntilDoneAsync(clock, run, Step, 4 * S);

        var reports = progress.Reports.ToArray();
        Assert.True(reports.Length >= 3);
        Assert.Equal(S, reports[0].Elapsed);
        Assert.Equal(10, reports[0].RequestsPerSecond, 6);
        Assert.Equal(3 * S, reports[0].Total);
        Assert.Equal(result.Summary.Ok, reports[^1].Ok);
    }

    [Fact]
    public async Task RunAsync_InvalidPlan_ThrowsWithEveryError()
    {
        var exception = await Assert.ThrowsAsync<LoadPlanException>(() =>
            CreateSut(FakeClock.Create()).RunAsync(new LoadPlan([new Inject(-1, 2 * S, S)]), Instant));

        Assert.Equal(2, exception.Errors.Count);
    }

    private static LoadRunner CreateSut(FakeTimeProvider clock) => new(clock);
}
