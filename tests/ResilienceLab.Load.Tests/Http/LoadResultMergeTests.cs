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
    public void EffectiveConnections_VirtualUsersSplitAcrossAgents_OnePerUserOfTheShare()
    {
        var options = new HttpLoadOptions(new Uri("http://127.0.0.1/"), TimeSpan.FromSeconds(10)) { VirtualUsers = 8, Segment = new ExecutionSegment(3, 3) };

        Assert.Equal(2, options.EffectiveConnections);
    }
}
