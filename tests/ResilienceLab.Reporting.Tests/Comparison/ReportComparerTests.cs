using ResilienceLab.Reporting.Comparison;
using ResilienceLab.Reporting.Model;
using ResilienceLab.Tests.Shared;

namespace ResilienceLab.Reporting.Tests.Comparison;

public sealed class ReportComparerTests
{
    [Fact]
    public void Compare_ReportWithItself_FindsNoRegression()
    {
        var report = TestReports.Create();

        var result = ReportComparer.Compare([report], [report]);

        Assert.False(result.Regressed);
        Assert.All(result.Scenarios.Single().Metrics.Where(m => m.Delta is not null), m => Assert.Equal(0, m.Delta));
    }

    [Fact]
    public void Compare_LatencyDoubled_FlagsLatencyRegressions()
    {
        var result = ReportComparer.Compare([TestReports.Create()], [TestReports.Create(latencyFactor: 2)]);

        Assert.True(result.Regressed);
        var regressed = result.Regressions.Select(m => m.Metric).ToList();
        Assert.Contains("latency.p99_ms", regressed);
        Assert.Contains("service_time.p99_ms", regressed);
        Assert.Contains("fault.service_time_p99_ms_median", regressed);
        Assert.DoesNotContain("throughput_per_s", regressed);
    }

    [Fact]
    public void Compare_TinyLatencyChange_IsNoiseBelowTheFloor()
    {
        // p50 goes from 1.6 ms to 3.2 ms: +100 % but under the 2 ms floor.
        var result = ReportComparer.Compare([TestReports.Create()], [TestReports.Create(latencyFactor: 2)]);

        Assert.False(result.Scenarios.Single().Metrics.Single(m => m.Metric == "latency.p50_ms").Regressed);
    }

    [Fact]
    public void Compare_ThroughputDropped_IsRegressionAndRiseIsNot()
    {
        var baseline = TestReports.Create(throughput: 40);

        var lower = ReportComparer.Compare([baseline], [TestReports.Create(throughput: 30)]);
        var higher = ReportComparer.Compare([baseline], [TestReports.Create(throughput: 60)]);

        Assert.Contains(lower.Regressions, m => m.Metric == "throughput_per_s");
        Assert.False(higher.Regressed);
    }

    [Fact]
    public void Compare_CheckPassedThenFails_IsAlwaysRegression()
    {
        var result = ReportComparer.Compare([TestReports.Create()], [TestReports.Create(contained: false)], maxRegressionPercent: 10_000);

        var check = result.Scenarios.Single().Metrics.Single(m => m.Metric == "breaker.payment.time_to_open_s");
        Assert.True(check.Regressed);
        Assert.Contains(result.Regressions, m => m.Metric == "verdict");
    }

    [Fact]
    public void Compare_WithinTolerance_IsNotRegression()
    {
        var result = ReportComparer.Compare([TestReports.Create()], [TestReports.Create(latencyFactor: 1.05)], maxRegressionPercent: 10);

        Assert.False(result.Regressed);
    }

    [Fact]
    public void Compare_ScenarioMissingFromCandidate_IsRegression()
    {
        var result = ReportComparer.Compare([TestReports.Create("a"), TestReports.Create("b")], [TestReports.Create("a")]);

        Assert.Contains(result.Regressions, m => m.Scenario == "b");
    }

    [Theory]
    [InlineData("<= 2", MetricDirection.HigherIsWorse)]
    [InlineData("< 2", MetricDirection.HigherIsWorse)]
    [InlineData(">= 0.9", MetricDirection.LowerIsWorse)]
    [InlineData("> 0", MetricDirection.LowerIsWorse)]
    [InlineData("== 1", MetricDirection.Neither)]
    public void DirectionOf_Operator_MatchesWhichWayIsWorse(string expected, MetricDirection direction) =>
        Assert.Equal(direction, ReportComparer.DirectionOf(expected));

    [Fact]
    public void Compare_GreaterOrEqualCheckFalls_IsRegression()
    {
        static RunReport WithRatio(double observed) => TestReports.Create() with
        {
            Hypothesis = [new HypothesisResult("success ratio holds", "fault.success_ratio", ">= 0.5", observed, observed >= 0.5)],
        };

        var result = ReportComparer.Compare([WithRatio(0.9)], [WithRatio(0.6)]);

        Assert.Contains(result.Regressions, m => m.Metric == "fault.success_ratio");
    }
}
