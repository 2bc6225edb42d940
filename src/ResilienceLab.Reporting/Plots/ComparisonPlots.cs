using ResilienceLab.Reporting.Model;
using ScottPlot;

namespace ResilienceLab.Reporting.Plots;

/// <summary>Baseline and candidate of one scenario on one picture: p99 latency and ok throughput over time, candidate's fault windows shaded.</summary>
public static class ComparisonPlots
{
    private const int Width = 900;
    private const int Height = 340;

    public static IReadOnlyList<PlotFile> Render(RunReport baseline, RunReport candidate)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(candidate);
        return
        [
            Overlay(baseline, candidate, p => p.LatencyP99Ms, $"{candidate.Scenario}: p99 latency, baseline vs candidate", "p99 latency (ms)", $"compare-{candidate.Scenario}-latency-p99.png", 10),
            Overlay(baseline, candidate, p => p.Ok, $"{candidate.Scenario}: ok workflows per second, baseline vs candidate", "ok workflows per second", $"compare-{candidate.Scenario}-throughput.png", 5),
        ];
    }

    private static PlotFile Overlay(RunReport baseline, RunReport candidate, Func<TimelinePoint, double> value, string title, string yLabel, string fileName, double minTop)
    {
        var plot = new Plot();
        plot.Title(title);
        plot.XLabel("time since start (s)");
        plot.YLabel(yLabel);
        foreach (var fault in candidate.Faults)
        {
            var span = plot.Add.HorizontalSpan(fault.ActualStartS ?? fault.StartS, fault.ActualEndS ?? fault.EndS, Colors.Red.WithAlpha(0.10));
            span.LegendText = $"fault: {fault.Name} (candidate)";
        }

        double max = 0;
        foreach (var (report, label, color, pattern) in new[] { (baseline, "baseline", Colors.SlateGray, LinePattern.Dashed), (candidate, "candidate", Colors.Crimson, LinePattern.Solid) })
        {
            if (report.Timeline.Count == 0)
            {
                continue;
            }

            var x = report.Timeline.Select(p => p.Second + 0.5).ToArray();
            var y = report.Timeline.Select(value).ToArray();
            max = Math.Max(max, y.Max());
            var line = plot.Add.ScatterLine(x, y, color);
            line.LineWidth = 2;
            line.LinePattern = pattern;
            line.LegendText = string.IsNullOrEmpty(report.Run.Label) ? label : $"{label} ({report.Run.Label})";
        }

        plot.Axes.SetLimitsX(0, Math.Max(1, Math.Max(baseline.Timeline.Count, candidate.Timeline.Count)));
        plot.Axes.SetLimitsY(0, Math.Max(minTop, max * 1.15));
        plot.ShowLegend(Edge.Right);
        return new PlotFile(fileName, title, PngCompression.Smallest(plot.GetImageBytes(Width, Height, ImageFormat.Png))) { Scenario = candidate.Scenario };
    }
}
