using ResilienceLab.Load;

namespace ResilienceLab.Load.Tests;

/// <summary>Agents each running their segment of one schedule start, between them, exactly what one agent would.</summary>
public class LoadRunnerSegmentTests
{
    private static readonly TimeSpan S = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Step = TimeSpan.FromMilliseconds(10);
    private static readonly LoadIteration Instant = (_, _) => ValueTask.FromResult(IterationOutcome.Success);

    [Fact]
    public async Task RunAsync_FourSegmentsOfARamp_StartTheWholeRunsIterationsPerSecond()
    {
        LoadSimulation[] load = [new RampingInject(13, S, 4 * S), new Inject(9.5, S, 3 * S)];
        var whole = await RunAsync(new LoadPlan(load));
        var parts = new List<LoadResult>();
        for (var i = 1; i <= 4; i++)
        {
            parts.Add(await RunAsync(new LoadPlan(load) { Segment = new ExecutionSegment(i, 4) }));
        }

        Assert.Equal(whole.Summary.Started, parts.Sum(p => p.Summary.Started));
        Assert.Equal(
            whole.Timeline.Select(t => t.Started),
            Enumerable.Range(0, whole.Timeline.Count).Select(second => parts.Sum(p => p.Timeline.Where(t => t.Second == second).Sum(t => t.Started))));
    }

    [Fact]
    public async Task RunAsync_ThreeSegmentsOfAClosedModel_SplitCopiesAndIterationsAsEvenlyAsIntegersAllow()
    {
        var parts = new List<LoadResult>();
        for (var i = 1; i <= 3; i++)
        {
            parts.Add(await RunAsync(new LoadPlan([new IterationsForConstant(5, 100)]) { Segment = new ExecutionSegment(i, 3) }));
        }

        Assert.Equal(100, parts.Sum(p => p.Summary.Started));
        Assert.Equal([34L, 33L, 33L], parts.Select(p => p.Summary.Started));
    }

    private static async Task<LoadResult> RunAsync(LoadPlan plan)
    {
        var clock = FakeClock.Create();
        var run = new LoadRunner(clock).RunAsync(plan, Instant);
        return await FakeClock.AdvanceUntilDoneAsync(clock, run, Step, 10 * S);
    }
}
