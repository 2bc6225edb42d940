using ResilienceLab.Harness.Observations;
using ResilienceLab.Reporting.Model;

namespace ResilienceLab.Harness.Tests.Observations;

public sealed class DependencyHostMergeTests
{
    private static readonly DateTimeOffset Origin = new(2026, 12, 2, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Apply_HostRecords_ArrivalsAddedLatencyAndHttpFaultsAreTheHostsAndTheAgentsCountsStay()
    {
        var merged = Merged();
        var host = Host(Origin);

        var applied = DependencyHostMerge.Apply(merged, host);

        var payment = applied.Dependencies["payment"];
        Assert.Equal([100L, 2_000_000L, 2_500_000L], payment.ArrivalsUs);
        Assert.Equal(["a1-1", "a2-1"], payment.ArrivalsByInstanceUs.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("encoded", payment.AddedLatency[2]);
        Assert.True(payment.Served);
        Assert.Equal(60, payment.Total.Calls);
        Assert.Equal(["queue-outage", "outage"], applied.Faults.Select(f => f.Name));
    }

    [Fact]
    public void Apply_HostStartedOneSecondLater_ShiftsItsOffsetsOntoTheMergedOrigin()
    {
        var applied = DependencyHostMerge.Apply(Merged(), Host(Origin.AddSeconds(1)));

        Assert.Equal(1_000_100L, applied.Dependencies["payment"].ArrivalsUs[0]);
        Assert.Equal("encoded", applied.Dependencies["payment"].AddedLatency[3]);
        Assert.Equal(2.5, applied.Faults.Single(f => f.Name == "outage").ActualStartS);
    }

    private static RunObservations Merged() => new()
    {
        RunId = "r-1",
        Scenario = "s",
        Run = new RunIdentity { RunId = "r-1", Segment = "merged 2", Target = "local" },
        Origin = Origin,
        Dependencies = new Dictionary<string, DependencyObservations>
        {
            ["payment"] = new() { Total = new DependencySample { Calls = 60 }, Served = false },
        },
        Faults = [new FaultReport("queue-outage", "api_error", "orders", 1, 1, 3, 1, 3, 5, false)],
    };

    private static DependencyHostRecords Host(DateTimeOffset origin) => new()
    {
        Scenario = "s",
        Origin = origin,
        Services = new Dictionary<string, HostedDependency>
        {
            ["payment"] = new()
            {
                Port = 9001,
                ArrivalsUs = [100L, 2_000_000L, 2_500_000L],
                ArrivalsByInstanceUs = new Dictionary<string, IReadOnlyList<long>> { ["a1-1"] = [100L, 2_000_000L], ["a2-1"] = [2_500_000L] },
                AddedLatency = new Dictionary<int, string> { [2] = "encoded" },
            },
        },
        Faults = [new FaultReport("outage", "http_error", "payment", 1, 1, 3, 1.5, 3, 7, false)],
    };
}
