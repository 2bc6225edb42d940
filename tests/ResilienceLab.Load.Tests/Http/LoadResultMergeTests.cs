using System.Net;
using ResilienceLab.Load;
using ResilienceLab.Load.Http;

namespace ResilienceLab.Load.Tests.Http;

public class LoadResultMergeTests
{
    [Fact]
    public async Task Merge_TwoSegmentsOfOneLoad_AddsTheCountsAndTheHistograms()
    {
        var results = new List<LoadResult>();
        foreach (var index in new[] { 1, 2 })
        {
            var clock = FakeClock.Create();
            using var sut = new HttpLoadTest(
                new HttpLoadOptions(new Uri("http://127.0.0.1/"), TimeSpan.FromSeconds(1)) { Rate = 11, Segment = new ExecutionSegment(index, 2) }, clock, new StatusHandler(HttpStatusCode.OK));
            results.Add(await FakeClock.AdvanceUntilDoneAsync(clock, sut.RunAsync(), TimeSpan.FromMilliseconds(10), TimeSpan.FromSeconds(2)));
        }

        var merged = LoadResultMerge.Merge(results);

        Assert.Equal([6, 5], results.Select(r => r.Summary.Started));
        Assert.Equal(11, merged.Summary.Started);
        Assert.Equal(11, merged.Summary.Ok);
        Assert.Equal(results.Sum(r => r.Summary.RequestsPerSecond), merged.Summary.RequestsPerSecond);
        Assert.Equal(11, merged.Summary.Latency.Count);
        Assert.Equal(11, HistogramCodec.Decode(merged.Histograms.Latency!).TotalCount);
    }

    [Fact]
    public async Task Merge_TwoSegmentsOfOneLoad_AddsTheirTimelinesSecondBySecond()
    {
        var whole = await RunAsync(ExecutionSegment.Whole);
        var agents = new List<LoadResult> { await RunAsync(new ExecutionSegment(1, 2)), await RunAsync(new ExecutionSegment(2, 2)) };

        var merged = LoadResultMerge.Merge(agents);

        Assert.Equal(whole.Timeline.Select(t => t.Started), merged.Timeline.Select(t => t.Started));
        Assert.Equal(whole.Timeline.Select(t => t.Ok), merged.Timeline.Select(t => t.Ok));
        Assert.Equal(Enumerable.Range(0, merged.Timeline.Count), merged.Timeline.Select(t => t.Second));
        Assert.All(merged.Timeline, t => Assert.Equal(t.Ok + t.Failed, t.Latency.Count));
        Assert.All(merged.Timeline.Where(t => t.Started > 0), t => Assert.Equal(t.Ok + t.Failed, HistogramCodec.Decode(t.Histograms.Latency!).TotalCount));
        Assert.Equal(merged.Summary.Started, merged.Timeline.Sum(t => t.Started));
        Assert.NotEqual(agents[0].Timeline.Select(t => t.Started), merged.Timeline.Select(t => t.Started));
    }

    [Fact]
    public async Task Merge_AnAgentWithoutATimeline_MergesTheSummaryAndKeepsNoPartialTimeline()
    {
        var first = await RunAsync(new ExecutionSegment(1, 2));
        var second = await RunAsync(new ExecutionSegment(2, 2));

        var merged = LoadResultMerge.Merge([first, second with { Timeline = [] }]);

        Assert.Empty(merged.Timeline);
        Assert.Equal(first.Summary.Started + second.Summary.Started, merged.Summary.Started);
    }

    private static async Task<LoadResult> RunAsync(ExecutionSegment segment)
    {
        var clock = FakeClock.Create();
        using var sut = new HttpLoadTest(
            new HttpLoadOptions(new Uri("http://127.0.0.1/"), TimeSpan.FromSeconds(3)) { Rate = 7, Segment = segment }, clock, new StatusHandler(HttpStatusCode.OK));
        return await FakeClock.AdvanceUntilDoneAsync(clock, sut.RunAsync(), TimeSpan.FromMilliseconds(10), TimeSpan.FromSeconds(4));
    }

    [Fact]
    public void EffectiveConnections_VirtualUsersSplitAcrossAgents_OnePerUserOfTheShare()
    {
        var options = new HttpLoadOptions(new Uri("http://127.0.0.1/"), TimeSpan.FromSeconds(10)) { VirtualUsers = 8, Segment = new ExecutionSegment(3, 3) };

        Assert.Equal(2, options.EffectiveConnections);
    }
}
