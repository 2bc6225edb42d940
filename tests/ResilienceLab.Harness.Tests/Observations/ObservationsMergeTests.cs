using HdrHistogram;
using ResilienceLab.Harness.Health;
using ResilienceLab.Harness.Observations;
using ResilienceLab.Load;
using ResilienceLab.Reporting.Model;

namespace ResilienceLab.Harness.Tests.Observations;

public sealed class ObservationsMergeTests
{
    private static readonly DateTimeOffset Origin = new(2026, 12, 2, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Merge_FourShards_AddsCountsAndHistogramsNeverAveragesPercentiles()
    {
        // Agent 1 is slow (900 ms), the others fast (2 ms); 25 workflows each per second.
        var shards = Enumerable.Range(1, 4).Select(agent => Shard(agent, agent == 1 ? 900 : 2)).ToList();

        var merged = ObservationsMerge.Merge(shards);

        Assert.Equal(400, merged.Load!.Started);
        Assert.Equal([100L, 100L, 100L, 100L], merged.Load.Seconds.Select(s => s.Started));
        var p99 = HistogramCodec.Percentiles(HistogramCodec.Decode(merged.Load.Seconds[2].Latency!)).P99Ms;
        var p50 = HistogramCodec.Percentiles(HistogramCodec.Decode(merged.Load.Seconds[2].Latency!)).P50Ms;
        Assert.Equal(900, p99, 900 * 0.01);
        Assert.Equal(2, p50, 2 * 0.01);
        Assert.Equal(400, HistogramCodec.Decode(merged.Load.Latency!).TotalCount);
        Assert.Equal(4 * 30, merged.Dependencies["payment"].Total.Calls);
        Assert.Equal(4, merged.Dependencies["payment"].ArrivalsUs.Count);
        Assert.Equal(merged.Dependencies["payment"].ArrivalsUs.Order(), merged.Dependencies["payment"].ArrivalsUs);
        Assert.Equal(4 * 7, Assert.Single(merged.Faults).RequestsAffected);
        Assert.Equal("merged 4", merged.Run.Segment);
    }

    [Fact]
    public void Merge_OneInstanceAgents_KeepEachAgentsArrivalsUnderItsOwnInstance()
    {
        // Each agent ran one instance and so recorded its arrivals without an instance; its breaker's transitions name it.
        var shards = Enumerable.Range(1, 2).Select(agent => Shard(agent, 2) with
        {
            Transitions = [new TransitionObservation(0.5, "payment", "Closed", "Open", "test") { Instance = $"resilience-lab-a{agent}-1" }],
        }).ToList();

        var merged = ObservationsMerge.Merge(shards).Dependencies["payment"];

        Assert.Equal([1_000_000L], merged.ArrivalsByInstanceUs["resilience-lab-a1-1"]);
        Assert.Equal([2_000_000L], merged.ArrivalsByInstanceUs["resilience-lab-a2-1"]);
        Assert.Equal([1_000_000L, 2_000_000L], merged.ArrivalsUs);
    }

    [Fact]
    public void Merge_BreakerTableCost_AddsOperationsAndInstancesSoThePerInstanceFigureHolds()
    {
        var shards = Enumerable.Range(1, 3).Select(agent => WithTable(Shard(agent, 2), operationsPerSecond: 4 + agent)).ToList();

        var merged = ObservationsMerge.Merge(shards).Dependencies["payment"];

        Assert.Equal(3, merged.BreakerTableInstances);
        Assert.Equal(5 + 6 + 7, merged.Seconds[0].TableOperations);
        Assert.Equal(5 + 6 + 7, merged.Total.TableOperations);
    }

    [Fact]
    public void Merge_OneAgentWhoseServerSawNoRequests_RequestsAreNotWhole()
    {
        var shards = new[] { Shard(1, 2), Shard(2, 2) with { Dependencies = new Dictionary<string, DependencyObservations> { ["payment"] = Shard(2, 2).Dependencies["payment"] with { Served = false } } } };

        Assert.False(ObservationsMerge.Merge(shards).Dependencies["payment"].Served);
        Assert.True(ObservationsMerge.Merge([Shard(1, 2), Shard(2, 2)]).Dependencies["payment"].Served);
    }

    private static RunObservations WithTable(RunObservations shard, long operationsPerSecond)
    {
        var payment = shard.Dependencies["payment"];
        return shard with
        {
            Dependencies = new Dictionary<string, DependencyObservations>
            {
                ["payment"] = payment with
                {
                    BreakerTableInstances = 1,
                    Seconds = [.. payment.Seconds.Select(x => x with { TableOperations = operationsPerSecond })],
                    Total = payment.Total with { TableOperations = operationsPerSecond * payment.Seconds.Count },
                },
            },
        };
    }

    [Fact]
    public void Merge_HarnessHealth_TakesTheWorstAgentEachSecond()
    {
        var shards = Enumerable.Range(1, 3).Select(agent => Shard(agent, 2) with
        {
            Harness = [new HarnessSample(0, agent * 10, agent, agent == 2 ? 95 : 20)],
        }).ToList();

        var merged = ObservationsMerge.Merge(shards);

        Assert.Equal(new HarnessSample(0, 30, 3, 95), Assert.Single(merged.Harness));
    }

    [Fact]
    public void Merge_OneShardAborted_IsAbortedWithItsReason()
    {
        var shards = new[] { Shard(1, 2), Shard(2, 2) with { AbortReason = "infrastructure lost: the SQS endpoint" } };

        Assert.Equal("infrastructure lost: the SQS endpoint", ObservationsMerge.Merge(shards).AbortReason);
    }

    [Fact]
    public void Merge_OneShard_IsThatShard()
    {
        var shard = Shard(1, 2);

        Assert.Same(shard, ObservationsMerge.Merge([shard]));
    }

    private static RunObservations Shard(int agent, double latencyMs) => new()
    {
        RunId = "r-1",
        Scenario = "s",
        Run = new RunIdentity { RunId = "r-1", Segment = $"{agent}/4", WarmUpS = 1, Target = "local" },
        Origin = Origin,
        LoadEndS = 4,
        Load = new LoadObservations
        {
            Seconds = [.. Enumerable.Range(0, 4).Select(s => new LoadSecond { Second = s, Started = 25, Ok = 25, Latency = Encoded(latencyMs, 25), ServiceTime = Encoded(latencyMs, 25) })],
            Latency = Encoded(latencyMs, 100, digits: 3),
            Started = 100,
            Ok = 100,
        },
        Dependencies = new Dictionary<string, DependencyObservations>
        {
            ["payment"] = new()
            {
                Seconds = [new DependencySample { Second = 0, Calls = 30 }],
                Total = new DependencySample { Calls = 30 },
                ArrivalsUs = [1_000_000L * agent],
            },
        },
        Faults = [new FaultReport("outage", "http_error", "payment", 1, 1, 3, 1.001 * agent, 3, 7, false)],
    };

    private static string Encoded(double milliseconds, long count, int digits = 2)
    {
        var histogram = new LongHistogram(1, 3_600_000_000, digits);
        histogram.RecordValueWithCount((long)(milliseconds * 1000), count);
        return HistogramCodec.Encode(histogram);
    }
}
