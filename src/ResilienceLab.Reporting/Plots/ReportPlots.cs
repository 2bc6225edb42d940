using ResilienceLab.Reporting.Model;
using ScottPlot;

namespace ResilienceLab.Reporting.Plots;

/// <summary>
/// The report's PNG plots (ScottPlot, headless). Every time plot shades the fault windows and marks breaker
/// openings (red dashed) and closings (green dashed), so cause and effect sit on one picture.
/// </summary>
public static class ReportPlots
{
    private const int Width = 1000;
    private const int Height = 420;

    public static IReadOnlyList<PlotFile> Render(RunReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return
        [
            Latency(report),
            Throughput(report),
            DependencyCalls(report),
        ];
    }

    public static PlotFile Latency(RunReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var plot = NewTimePlot(report, "Workflow latency (corrected for coordinated omission)", "latency (ms)");
        var x = Seconds(report);
        AddLine(plot, x, report.Timeline.Select(p => p.LatencyP50Ms), "p50", Colors.SteelBlue);
        AddLine(plot, x, report.Timeline.Select(p => p.LatencyP95Ms), "p95", Colors.DarkOrange);
        AddLine(plot, x, report.Timeline.Select(p => p.LatencyP99Ms), "p99", Colors.Crimson);
        plot.Axes.SetLimitsY(0, Math.Max(10, report.Timeline.Select(p => p.LatencyP99Ms).DefaultIfEmpty(0).Max() * 1.1));
        return Save(plot, "latency.png", "Latency percentiles over time");
    }

    public static PlotFile Throughput(RunReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var plot = NewTimePlot(report, "Workflow throughput", "workflows per second");
        var x = Seconds(report);
        AddLine(plot, x, report.Timeline.Select(p => (double)p.Ok), "ok", Colors.SeaGreen);
        AddLine(plot, x, report.Timeline.Select(p => (double)p.Failed), "failed", Colors.Crimson);
        AddLine(plot, x, report.Timeline.Select(p => (double)p.Dropped), "dropped", Colors.Gray);
        var max = report.Timeline.Select(p => (double)Math.Max(p.Ok, Math.Max(p.Failed, p.Dropped))).DefaultIfEmpty(0).Max();
        plot.Axes.SetLimitsY(0, Math.Max(5, max * 1.15));
        return Save(plot, "throughput.png", "Throughput (ok, failed, dropped) over time");
    }

    public static PlotFile DependencyCalls(RunReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var plot = NewTimePlot(report, "Requests received by each dependency (retry amplification shows here)", "requests per second");
        var x = Seconds(report);
        var palette = new ScottPlot.Palettes.Category10();
        var i = 0;
        double max = 0;
        foreach (var service in report.Dependencies.Keys)
        {
            var y = report.Timeline.Select(p => p.Dependencies.TryGetValue(service, out var d) ? (double)d.RequestsReceived : 0).ToArray();
            max = Math.Max(max, y.DefaultIfEmpty(0).Max());
            AddLine(plot, x, y, service, palette.GetColor(i++));
        }

        plot.Axes.SetLimitsY(0, Math.Max(5, max * 1.15));
        return Save(plot, "dependency-calls.png", "Requests per second to each dependency");
    }

    private static Plot NewTimePlot(RunReport report, string title, string yLabel)
    {
        var plot = new Plot();
        plot.Title(title);
        plot.XLabel("time since start (s)");
        plot.YLabel(yLabel);
        foreach (var fault in report.Faults)
        {
            var start = fault.ActualStartS ?? fault.StartS;
            var end = fault.ActualEndS ?? fault.EndS;
            var span = plot.Add.HorizontalSpan(start, end, Colors.Red.WithAlpha(0.12));
            span.LegendText = $"fault: {fault.Name} ({fault.Target})";
        }

        var openedLegend = false;
        var closedLegend = false;
        foreach (var (service, dependency) in report.Dependencies)
        {
            foreach (var t in dependency.BreakerTransitions)
            {
                if (t.To == "Open" && t.From == "Closed")
                {
                    var line = plot.Add.VerticalLine(t.AtS, 1.5f, Colors.Crimson.WithAlpha(0.8), LinePattern.Dashed);
                    line.LegendText = openedLegend ? string.Empty : "breaker opened";
                    line.Text = $"{service} open";
                    openedLegend = true;
                }
                else if (t.To == "Closed")
                {
                    var line = plot.Add.VerticalLine(t.AtS, 1.5f, Colors.SeaGreen.WithAlpha(0.8), LinePattern.Dashed);
                    line.LegendText = closedLegend ? string.Empty : "breaker closed";
                    line.Text = $"{service} closed";
                    closedLegend = true;
                }
            }
        }

        plot.Axes.SetLimitsX(0, Math.Max(1, report.Timeline.Count));
        plot.ShowLegend(Alignment.UpperLeft);
        return plot;
    }

    private static double[] Seconds(RunReport report) => [.. report.Timeline.Select(p => p.Second + 0.5)];

    private static void AddLine(Plot plot, double[] x, IEnumerable<double> y, string label, Color color)
    {
        var values = y.ToArray();
        if (x.Length == 0)
        {
            return;
        }

        var line = plot.Add.ScatterLine(x, values, color);
        line.LegendText = label;
        line.LineWidth = 2;
    }

    private static PlotFile Save(Plot plot, string fileName, string title)
    {
        var png = plot.GetImageBytes(Width, Height, ImageFormat.Png);
        return new PlotFile(fileName, title, png);
    }
}
