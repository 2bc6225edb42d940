using HdrHistogram;
using ResilienceLab.Harness.Health;
using ResilienceLab.Harness.Observations;
using ResilienceLab.Harness.Runs;
using ResilienceLab.Harness.Scenarios;
using ResilienceLab.Load;
using ResilienceLab.Reporting.Hypotheses;
using ResilienceLab.Reporting.Model;

namespace ResilienceLab.Harness.Tests.Runs;

/// <summary>The report is a pure function of what the run observed: these build observations by hand, no run.</summary>
public sealed class RunReportBuilderTests
{
    [Fact]
    public void Build_OneSlowSecondInTheFaultWindow_DecidesTheWindowPercentileThoughTheMedianHidesIt()
    {
        // 10 s of fault, 100 workflows a second: 7 seconds at 2 ms, 3 seconds at 900 ms.
        var observations = Observations(second => second is >= 10 and < 13 ? 900 : 2);
        var scenario = Scenario(
            new HypothesisCheck("fails fast", "fault.latency_p99_ms", ComparisonOperator.LessThanOrEqual, 250),
            new HypothesisCheck("fails fast (median)", "fault.latency_p99_ms_median", ComparisonOperator.LessThanOrEqual, 250));

        var report = RunReportBuilder.Build(scenario, observations);

        Assert.Equal(Verdict.NotContained, report.Verdict);
        Assert.Equal(CheckOutcome.Failed, report.Hypothesis[0].Outcome);
        Assert.Equal(900, report.Hypothesis[0].Observed!.Value, 900 * 0.01);
        Assert.Equal(CheckOutcome.Passed, report.Hypothesis[1].Outcome);
        Assert.Equal(1_000, report.Windows["fault"].Latency.Count);
        Assert.Equal((10, 20), (report.Windows["fault"].FromS, report.Windows["fault"].ToS));
    }

    [Fact]
    public void Build_HarnessLaggedInTheFaultWindow_IsInconclusiveNamingTheSignal()
    {
        var observations = Observations(_ => 2, lagMs: second => second == 15 ? 40 : 0.1);
        var scenario = Scenario(new HypothesisCheck("fails fast", "fault.latency_p99_ms", ComparisonOperator.LessThanOrEqual, 1));

        var report = RunReportBuilder.Build(scenario, observations);

        Assert.Equal(Verdict.Inconclusive, report.Verdict);
        Assert.StartsWith("the harness fell behind in the fault window: schedule lag p99 40", report.VerdictReasons[0], StringComparison.Ordinal);
        Assert.False(report.HarnessHealth!.Healthy);
        Assert.True(report.HarnessHealth.Windows["fault"].Judged);
        Assert.False(report.HarnessHealth.Windows["pre_fault"].Judged);
    }

    [Fact]
    public void Build_HarnessLaggedOnlyInAnUnjudgedWindow_StillJudgesTheSystem()
    {
        var observations = Observations(_ => 2, lagMs: second => second == 3 ? 40 : 0.1);
        var scenario = Scenario(new HypothesisCheck("fails fast", "fault.latency_p99_ms", ComparisonOperator.LessThanOrEqual, 250));

        var report = RunReportBuilder.Build(scenario, observations);

        Assert.Equal(Verdict.Contained, report.Verdict);
        Assert.NotEmpty(report.HarnessHealth!.Windows["pre_fault"].Violations);
    }

    [Fact]
    public void Build_DependencyServerAddedLatency_IsAHarnessSignal()
    {
        var observations = Observations(_ => 2) with
        {
            Dependencies = new Dictionary<string, DependencyObservations>
            {
                ["payment"] = new() { AddedLatency = new Dictionary<int, string> { [12] = Encoded(300, 100) } },
            },
        };
        var scenario = Scenario(new HypothesisCheck("fails fast", "fault.latency_p99_ms", ComparisonOperator.LessThanOrEqual, 250));

        var report = RunReportBuilder.Build(scenario, observations);

        Assert.Equal(Verdict.Inconclusive, report.Verdict);
        Assert.Contains("dependency servers fell behind in the fault window", report.VerdictReasons[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Build_ScheduledFaultHitNothing_IsInconclusive()
    {
        var observations = Observations(_ => 2) with { Faults = [Fault() with { RequestsAffected = 0 }] };
        var scenario = Scenario(new HypothesisCheck("fails fast", "fault.latency_p99_ms", ComparisonOperator.LessThanOrEqual, 250));

        var report = RunReportBuilder.Build(scenario, observations);

        Assert.Equal(Verdict.Inconclusive, report.Verdict);
        Assert.Contains("hit nothing", report.VerdictReasons[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Build_NoLoad_ChecksAreNotObservedAndTheVerdictInconclusive()
    {
        var observations = Observations(_ => 2) with { Load = new LoadObservations() };
        var scenario = Scenario(
            new HypothesisCheck("fails fast", "fault.latency_p99_ms", ComparisonOperator.LessThanOrEqual, 250),
            new HypothesisCheck("no errors", "fault.error_rate", ComparisonOperator.LessThanOrEqual, 0.01),
            new HypothesisCheck("nothing dropped", "fault.dropped", ComparisonOperator.LessThanOrEqual, 0));

        var report = RunReportBuilder.Build(scenario, observations);

        Assert.Equal(Verdict.Inconclusive, report.Verdict);
        Assert.All(report.Hypothesis, h => Assert.Equal(CheckOutcome.NotObserved, h.Outcome));
    }

    [Fact]
    public void Build_BreakerSharedThroughTheTable_ReportsTheBusiestSecondPerInstance()
    {
        var shared = new DependencyObservations
        {
            Seconds = [new DependencySample { Second = 0, TableOperations = 10 }, new DependencySample { Second = 1, TableOperations = 30 }, new DependencySample { Second = 2, TableOperations = 16 }],
            Total = new DependencySample { TableOperations = 56 },
            BreakerTableInstances = 2,
        };
        var observations = Observations(_ => 2) with
        {
            Dependencies = new Dictionary<string, DependencyObservations> { ["payment"] = shared, ["inventory"] = new() },
        };
        var scenario = Scenario(new HypothesisCheck("table cost bounded", "breaker.payment.table_operations_per_second_per_instance", ComparisonOperator.LessThanOrEqual, 10));

        var report = RunReportBuilder.Build(scenario, observations);

        Assert.Equal(56, report.Dependencies["payment"].BreakerTableOperations);
        Assert.Equal(15, report.Dependencies["payment"].BreakerTableOperationsPerSecondPerInstance);
        Assert.Equal(CheckOutcome.Failed, report.Hypothesis[0].Outcome);
        Assert.Null(report.Dependencies["inventory"].BreakerTableOperations);
        Assert.Equal(MetricState.NotObserved, MetricRegistry.Resolve(report, "breaker.inventory.table_operations_per_second_per_instance").State);
    }

    [Fact]
    public void Build_SharedBreakerWithoutASecond_TableCostIsNotObservedNotZero()
    {
        var observations = Observations(_ => 2) with
        {
            Dependencies = new Dictionary<string, DependencyObservations> { ["payment"] = new() { BreakerTableInstances = 1 } },
        };

        var report = RunReportBuilder.Build(Scenario(new HypothesisCheck("table cost bounded", "breaker.payment.table_operations_per_second_per_instance", ComparisonOperator.LessThanOrEqual, 10)), observations);

        Assert.Null(report.Dependencies["payment"].BreakerTableOperationsPerSecondPerInstance);
        Assert.Equal(CheckOutcome.NotObserved, report.Hypothesis[0].Outcome);
    }

    [Theory]
    [InlineData(0.5, 3.5, 3.6, 1, CheckOutcome.Failed)] // opened in the warm-up, probing after it: only the request at 2.5 s is excess
    [InlineData(0.5, 1.4, 1.6, 0, CheckOutcome.NotObserved)] // opened, probed and closed in the warm-up: nothing judged
    [InlineData(2.45, 3.5, 3.6, 0, CheckOutcome.Passed)] // opened after the warm-up: from its opening plus the grace, as ever
    public void Build_BreakerOpenInTheWarmUp_CountsRequestsWhileOpenFromTheWarmUpsEnd(double openedAtS, double halfOpenAtS, double closedAtS, long excess, CheckOutcome outcome)
    {
        // Requests reach payment at 1.0, 1.5, 2.5 and 3.5 s; the warm-up (2 s) is not judged.
        var payment = new DependencyObservations
        {
            ArrivalsUs = [1_000_000, 1_500_000, 2_500_000, 3_500_000],
            Total = new DependencySample { Calls = 4, Attempts = 4 },
        };
        var observations = Observations(_ => 2) with
        {
            Dependencies = new Dictionary<string, DependencyObservations> { ["payment"] = payment },
            Transitions =
            [
                new(openedAtS, "payment", "Closed", "Open", "5 consecutive failures"),
                new(halfOpenAtS, "payment", "Open", "HalfOpen", "break duration elapsed"),
                new(closedAtS, "payment", "HalfOpen", "Closed", "probe succeeded"),
            ],
        };
        var scenario = Scenario(new HypothesisCheck("only probes while open", "breaker.payment.excess_requests_while_open", ComparisonOperator.LessThanOrEqual, 0));

        var report = RunReportBuilder.Build(scenario, observations);

        var dependency = report.Dependencies["payment"];
        Assert.Equal(excess, Math.Max(0, dependency.RequestsWhileOpen - dependency.ProbesAllowed));
        Assert.Equal(outcome, report.Hypothesis[0].Outcome);
    }

    [Fact]
    public void Build_SameObservationsTwice_GiveTheSameReport()
    {
        var observations = Observations(second => second % 3 == 0 ? 40 : 3);
        var scenario = Scenario(new HypothesisCheck("fails fast", "fault.latency_p99_ms", ComparisonOperator.LessThanOrEqual, 250));

        var first = Reporting.Writers.ReportJson.Serialize(RunReportBuilder.Build(scenario, observations));
        var second = Reporting.Writers.ReportJson.Serialize(RunReportBuilder.Build(scenario, observations));

        Assert.Equal(first, second);
    }

    private static Scenario Scenario(params HypothesisCheck[] checks) => new()
    {
        Name = "synthetic",
        SourceFile = "synthetic.json",
        Workflow = "place-order",
        Load = [new Inject(100, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30))],
        WarmUp = TimeSpan.FromSeconds(2),
        Hypothesis = checks,
    };

    private static FaultReport Fault() => new("payment-outage", "http_error", "payment", 1, 10, 20, 10, 20, 500, false);

    /// <summary>30 s at 100 workflows a second, all ok, each second at its own latency; a fault from 10 s to 20 s.</summary>
    private static RunObservations Observations(Func<int, double> latencyMs, Func<int, double>? lagMs = null) => new()
    {
        RunId = "r-1",
        Scenario = "synthetic",
        Run = new RunIdentity { WarmUpS = 2, DurationS = 30 },
        LoadEndS = 30,
        Load = new LoadObservations
        {
            Seconds = [.. Enumerable.Range(0, 30).Select(s => new LoadSecond
            {
                Second = s,
                Started = 100,
                Ok = 100,
                Latency = Encoded(latencyMs(s), 100),
                ServiceTime = Encoded(latencyMs(s), 100),
                ScheduleLag = Encoded(lagMs?.Invoke(s) ?? 0.05, 100),
            })],
            Latency = Encoded(2, 2_800),
            ServiceTime = Encoded(2, 2_800),
            Started = 2_800,
            Ok = 2_800,
        },
        Faults = [Fault()],
        Harness = [.. Enumerable.Range(0, 30).Select(s => new HarnessSample(s, 3, 0, 15))],
    };

    private static string Encoded(double milliseconds, long count)
    {
        var histogram = new LongHistogram(1, 3_600_000_000, 2);
        histogram.RecordValueWithCount(Math.Max(1, (long)(milliseconds * 1000)), count);
        return HistogramCodec.Encode(histogram);
    }
}
