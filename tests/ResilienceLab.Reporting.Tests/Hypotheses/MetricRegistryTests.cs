using ResilienceLab.Reporting.Hypotheses;
using ResilienceLab.Reporting.Model;
using ResilienceLab.Tests.Shared;

namespace ResilienceLab.Reporting.Tests.Hypotheses;

public sealed class MetricRegistryTests
{
    private static readonly string[] Services = ["inventory", "payment"];

    [Theory]
    [InlineData("fault.latency_p99_ms")]
    [InlineData("run.latency_p999_ms")]
    [InlineData("post_fault.service_time_p90_ms")]
    [InlineData("fault.latency_p99_ms_median")]
    [InlineData("fault.dependency.payment.attempts_per_call")]
    [InlineData("breaker.payment.time_to_open_s")]
    [InlineData("queue.shipping-requests.drain_s")]
    [InlineData("messages.lost")]
    [InlineData("messages.shipping-requests.duplicates")]
    [InlineData("control.fault.error_rate_delta")]
    [InlineData("summary.latency_p99_ms")]
    public void Explain_KnownMetric_IsNull(string metric) => Assert.Null(MetricRegistry.Explain(metric, Services));

    [Theory]
    [InlineData("breaker.shipping.time_to_open_s", "unknown service 'shipping'")]
    [InlineData("fault.latency_p98_ms", "window metrics are")]
    [InlineData("later.error_rate", "unknown metric")]
    [InlineData("breaker.payment.speed", "breaker metrics are")]
    public void Explain_UnknownMetric_SaysWhy(string metric, string expected) =>
        Assert.Contains(expected, MetricRegistry.Explain(metric, Services), StringComparison.Ordinal);

    [Fact]
    public void All_EveryDefinition_HasItsWordsAndResolvesWithoutThrowing()
    {
        var report = Report();
        foreach (var definition in MetricRegistry.All)
        {
            Assert.False(string.IsNullOrWhiteSpace(definition.Description), definition.Pattern);
            Assert.False(string.IsNullOrWhiteSpace(definition.NoData), definition.Pattern);
            var name = definition.Pattern.Replace("WINDOW", "fault").Replace("SERVICE", "payment").Replace("QUEUE", "shipping-requests").Replace("CHANNEL", "shipping-requests");
            Assert.Same(definition, MetricRegistry.Find(name));
            _ = MetricRegistry.Resolve(report, name);
        }
    }

    [Fact]
    public void Resolve_WindowLatency_ReadsTheWindowsAddedHistogramFigure()
    {
        var value = MetricRegistry.Resolve(Report(), "fault.latency_p99_ms");

        Assert.Equal(MetricValue.Of(383), value);
    }

    [Fact]
    public void Resolve_WindowWithoutWorkflows_IsNotObserved()
    {
        var report = Report() with { Windows = Windows(ok: 0, failed: 0, dropped: 0, started: 0) };

        Assert.Equal(MetricState.NotObserved, MetricRegistry.Resolve(report, "fault.latency_p99_ms").State);
        Assert.Equal(MetricState.NotObserved, MetricRegistry.Resolve(report, "fault.error_rate").State);
        Assert.Equal(MetricState.NotObserved, MetricRegistry.Resolve(report, "fault.dropped").State);
        Assert.Equal(MetricState.NotObserved, MetricRegistry.Resolve(report, "fault.throughput_rps").State);
    }

    [Fact]
    public void Resolve_DependencyWithoutCalls_IsNotObservedNotZero()
    {
        var report = Report() with { Timeline = [.. Report().Timeline.Select(p => p with { Dependencies = new Dictionary<string, DependencySecond> { ["payment"] = new(0, 0, 0, 0, "closed") } })] };

        var value = MetricRegistry.Resolve(report, "fault.dependency.payment.error_rate");

        Assert.Equal(MetricState.NotObserved, value.State);
        Assert.Contains("no call", value.Note, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_BreakerNeverOpenedUnderItsFault_NeverHappenedWhichFails()
    {
        var report = Report();
        report = report with { Dependencies = new Dictionary<string, DependencyReport>(report.Dependencies) { ["payment"] = new() { Calls = 10 } } };

        Assert.Equal(MetricState.NeverHappened, MetricRegistry.Resolve(report, "breaker.payment.time_to_open_s").State);
        Assert.Equal(MetricState.NotObserved, MetricRegistry.Resolve(report, "breaker.payment.time_to_close_s").State);
        Assert.Equal(MetricState.NotObserved, MetricRegistry.Resolve(report, "breaker.payment.excess_requests_while_open").State);
    }

    [Fact]
    public void Resolve_BreakerOpenOnlyInTheWarmUp_ExcessIsNotObservedNotZero()
    {
        // The cold start opened the breaker and it closed again before the warm-up ended: no open period was judged.
        var report = Report();
        var warmedUp = new DependencyReport
        {
            Calls = 10,
            BreakerTransitions =
            [
                new BreakerTransitionRecord(0.5, "Closed", "Open", "failures"),
                new BreakerTransitionRecord(1.4, "Open", "HalfOpen", "break duration elapsed"),
                new BreakerTransitionRecord(1.6, "HalfOpen", "Closed", "probe succeeded"),
            ],
        };
        report = report with
        {
            Run = report.Run with { WarmUpS = 2 },
            Dependencies = new Dictionary<string, DependencyReport>(report.Dependencies) { ["payment"] = warmedUp },
        };

        var excess = MetricRegistry.Resolve(report, "breaker.payment.excess_requests_while_open");
        var stillOpen = MetricRegistry.Resolve(report with { Run = report.Run with { WarmUpS = 1.5 } }, "breaker.payment.excess_requests_while_open");

        Assert.Equal(MetricState.NotObserved, excess.State);
        Assert.Equal(MetricState.Observed, stillOpen.State);
    }

    [Fact]
    public void Resolve_RequestsNoServerOfTheRunSaw_AreNotObservedNotZero()
    {
        // An agent pointed at a dependency host elsewhere saw none of the requests: its zero is missing data.
        var report = Report();
        var opened = new DependencyReport
        {
            Calls = 10,
            BreakerTransitions = [new BreakerTransitionRecord(1, "Closed", "Open", "failures")],
            RequestsObserved = false,
        };
        report = report with { Dependencies = new Dictionary<string, DependencyReport>(report.Dependencies) { ["payment"] = opened } };

        var excess = MetricRegistry.Resolve(report, "breaker.payment.excess_requests_while_open");
        var received = MetricRegistry.Resolve(report, "fault.dependency.payment.requests_per_second");

        Assert.Equal(MetricState.NotObserved, excess.State);
        Assert.Contains("no server of this run", excess.Note, StringComparison.Ordinal);
        Assert.Equal(MetricState.NotObserved, received.State);
        Assert.Equal(MetricState.Observed, MetricRegistry.Resolve(report with { Dependencies = new Dictionary<string, DependencyReport>(report.Dependencies) { ["payment"] = opened with { RequestsObserved = true } } }, "breaker.payment.excess_requests_while_open").State);
    }

    [Fact]
    public void Resolve_BreakerWithoutAFaultOnItsService_IsNotObserved()
    {
        Assert.Equal(MetricState.NotObserved, MetricRegistry.Resolve(Report(), "breaker.inventory.time_to_open_s").State);
    }

    [Fact]
    public void Resolve_QueueNeverRead_IsNotObservedNotZero()
    {
        Assert.Equal(MetricState.NotObserved, MetricRegistry.Resolve(Report(), "queue.shipping-requests.max_depth").State);
    }

    [Fact]
    public void Resolve_MessagesUnknown_IsNotObserved()
    {
        var report = Report() with { Messages = new MessageAccounting { Sent = 10, Unknown = "shipping-requests-dlq could not be read" } };

        var value = MetricRegistry.Resolve(report, "messages.lost");

        Assert.Equal(MetricValue.NotObserved("shipping-requests-dlq could not be read"), value);
    }

    [Theory]
    [InlineData("fault.latency_p99_ms", "fault")]
    [InlineData("control.post_fault.error_rate", "post_fault")]
    [InlineData("breaker.payment.time_to_open_s", "fault")]
    [InlineData("breaker.payment.time_to_close_s", "post_fault")]
    [InlineData("messages.lost", "run")]
    public void WindowOf_Metric_IsTheWindowItsDataComeFrom(string metric, string window) =>
        Assert.Equal(window, MetricRegistry.WindowOf(metric));

    private static RunReport Report() => TestReports.Create() with { Windows = Windows(ok: 10, failed: 270, dropped: 0, started: 280) };

    private static Dictionary<string, WindowFigures> Windows(long ok, long failed, long dropped, long started) =>
        ReportWindows.All.ToDictionary(w => w, w => new WindowFigures
        {
            FromS = 5,
            ToS = 11,
            Ok = ok,
            Failed = failed,
            Dropped = dropped,
            Started = started,
            Latency = new LatencyFigures(0.9, 305, 383, 684, 28) { P90Ms = 2.8, P999Ms = 684, Count = ok + failed },
            ServiceTime = new LatencyFigures(0.8, 300, 380, 680, 27) { Count = ok + failed },
        });
}
