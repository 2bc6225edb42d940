using ResilienceLab.Load;

namespace ResilienceLab.Load.Tests.Stats;

public class StepStatsTests
{
    [Fact]
    public void Record_StepsOverSeconds_SummarisesPerNameAndPerSecond()
    {
        var clock = FakeClock.Create();
        var sut = new StepStats(clock);

        sut.Record("db", TimeSpan.FromMilliseconds(10));
        sut.Record("db", TimeSpan.FromMilliseconds(20));
        sut.Record("cache", TimeSpan.FromMilliseconds(1));
        clock.Advance(TimeSpan.FromSeconds(1));
        sut.Record("db", TimeSpan.FromMilliseconds(100));
        clock.Advance(TimeSpan.FromSeconds(5));
        sut.Record("db", TimeSpan.FromMilliseconds(5));

        var steps = sut.Snapshot();
        Assert.Equal(["cache", "db"], steps.Select(s => s.Step));
        var db = steps[1];
        Assert.Equal(4, db.Latency.Count);
        Assert.Equal(100, db.Latency.MaxMs, 0);
        Assert.Equal([0, 1, 6], db.Timeline.Select(t => t.Second));
        Assert.Equal([2L, 1L, 1L], db.Timeline.Select(t => t.Latency.Count));
    }

    [Fact]
    public async Task MeasureAsync_Action_RecordsItsDurationOnTheClock()
    {
        var clock = FakeClock.Create();
        var sut = new StepStats(clock);

        var value = await sut.MeasureAsync("call", () =>
        {
            clock.Advance(TimeSpan.FromMilliseconds(250));
            return ValueTask.FromResult(42);
        });

        Assert.Equal(42, value);
        Assert.Equal(250, Assert.Single(sut.Snapshot()).Latency.P50Ms, 0);
    }

    [Fact]
    public void Record_ManyNames_KeepsAtMostMaxSteps()
    {
        var sut = new StepStats(FakeClock.Create());

        for (var i = 0; i < StepStats.MaxSteps + 50; i++)
        {
            sut.Record($"step-{i}", TimeSpan.FromMilliseconds(1));
        }

        Assert.Equal(StepStats.MaxSteps + 1, sut.Snapshot().Count);
    }
}
