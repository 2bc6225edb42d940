namespace ResilienceLab.Load.Tests.Stats;

public sealed class FailureCountsTests
{
    [Fact]
    public void Add_FromManyThreads_CountsEveryFailureOnce()
    {
        var counts = new FailureCounts();

        Parallel.For(0, 40_000, i => counts.Add(i % 4 == 0 ? "timeout" : "http_503"));

        var snapshot = counts.Snapshot();
        Assert.Equal(10_000, snapshot["timeout"]);
        Assert.Equal(30_000, snapshot["http_503"]);
    }

    [Fact]
    public void Add_BeyondMaxReasons_CountsTheRestAsOther()
    {
        var counts = new FailureCounts();

        for (var i = 0; i < FailureCounts.MaxReasons + 6; i++)
        {
            counts.Add($"reason_{i:D3}");
        }

        counts.Add("reason_000");
        var snapshot = counts.Snapshot();
        Assert.Equal(FailureCounts.MaxReasons + 1, snapshot.Count);
        Assert.Equal(6, snapshot[FailureCounts.OtherReason]);
        Assert.Equal(2, snapshot["reason_000"]);
        Assert.Equal(FailureCounts.MaxReasons + 6 + 1, snapshot.Values.Sum());
    }
}
