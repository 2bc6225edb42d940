using ResilienceLab.Load;

namespace ResilienceLab.Load.Tests;

[Collection(HeapMeasuringCollection.Name)]
public class LoadRunnerMemoryTests
{
    private static readonly TimeSpan S = TimeSpan.FromSeconds(1);
    private static readonly LoadIteration Instant = (_, _) => ValueTask.FromResult(IterationOutcome.Success);

    [Fact]
    public async Task RunAsync_OneHourAt100PerSecond_KeepsOneSmallTimelineEntryPerSecondAndNothingPerIteration()
    {
        var clock = FakeClock.Create();
        var warmUp = await FakeClock.AdvanceUntilDoneAsync(clock,
            new LoadRunner(clock).RunAsync(new LoadPlan([new Inject(100, S, 10 * S)]), Instant), S, 11 * S);
        Assert.Equal(1000, warmUp.Summary.Ok);
        var before = GC.GetTotalMemory(forceFullCollection: true);

        var run = new LoadRunner(clock).RunAsync(new LoadPlan([new Inject(100, S, TimeSpan.FromHours(1))]), Instant);
        var result = await FakeClock.AdvanceUntilDoneAsync(clock, run, S, TimeSpan.FromHours(1) + S);
        var after = GC.GetTotalMemory(forceFullCollection: true);

        Assert.Equal(360_000, result.Summary.Ok);
        Assert.Equal(3600, result.Timeline.Count);
        Assert.All(result.Timeline, t => Assert.Equal(100, t.Ok));

        // 360,000 iterations would need tens of MB if anything were kept per iteration.
        Assert.InRange(after - before, long.MinValue, 8 * 1024 * 1024);
        GC.KeepAlive(result);
    }
}
