using ResilienceLab.Reporting.Model;
using ResilienceLab.Reporting.Plots;
using ResilienceLab.Tests.Shared;
using SkiaSharp;

namespace ResilienceLab.Reporting.Tests.Plots;

public sealed class ReportPlotsTests
{
    [Fact]
    public void Render_RunWithoutQueues_WritesEveryPlotButQueueDepth()
    {
        var plots = ReportPlots.Render(TestReports.Create());

        Assert.Equal(["latency.png", "throughput.png", "dependency-calls.png", "breaker-states.png", "latency-spectrum.png", "harness-health.png"], plots.Select(p => p.FileName));
        Assert.All(plots, p =>
        {
            using var bitmap = SKBitmap.Decode(p.Png);
            Assert.Equal(900, bitmap.Width);
            Assert.Equal(380, bitmap.Height);
        });
    }

    [Fact]
    public void Render_RunWithQueues_AddsQueueDepth()
    {
        var report = TestReports.Create();
        report = report with
        {
            Timeline = [.. report.Timeline.Select(p => p with { Queues = new Dictionary<string, QueueSecond> { ["orders"] = new(p.Second, 1), ["orders-dlq"] = new(p.Second / 3, 0) } })],
        };

        var plots = ReportPlots.Render(report);

        Assert.Contains(plots, p => p.FileName == "queue-depth.png");
    }
}
