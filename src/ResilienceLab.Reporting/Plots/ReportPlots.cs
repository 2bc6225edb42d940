using ResilienceLab.Reporting.Model;
using ScottPlot;

namespace ResilienceLab.Reporting.Plots;

/// <summary>
/// The report's PNG plots (ScottPlot, headless). Every time plot shades the fault windows and marks breaker
/// openings (red dashed) and closings (green dashed), so cause and effect sit on one picture.
/// </summary>
public static class ReportPlots
{
    private const int Width = 900;
    private const int Height = 380;

    public static IReadOnlyList<PlotFile> Render(RunReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return
        [
            Latency(report),
            Throughput(report),
            DependencyCalls(report),
            BreakerStates(report),
            .. HasQueues(report) ? [QueueDepth(report)] : Array.Empty<PlotFile>(),
            LatencySpectrum(report),
            HarnessHealth(report),
        ];
    }

    /// <summary>
    /// The harness's own health per second: how late iterations started (p99), the dependency servers' added latency
    /// (p99) and GC pauses in ms, with the limits dashed; process CPU in percent of all cores on the right.
    /// </summary>
    public static PlotFile HarnessHealth(RunReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var plot = NewTimePlot(report, "Harness health (the harness's own lag, not the system's)", "ms");
        var x = Seconds(report);
        double Value(double? v) => v ?? double.NaN;
        AddLine(plot, x, report.Timeline.Select(p => Value(p.Harness?.ScheduleLagP99Ms)), "schedule lag p99", Colors.Crimson);
        AddLine(plot, x, report.Timeline.Select(p => Value(p.Harness?.DependencyAddedP99Ms)), "dependency servers' added p99", Colors.DarkOrange);
        AddLine(plot, x, report.Timeline.Select(p => Value(p.Harness?.GcPauseMs)), "GC pause", Colors.SlateGray);
        var max = report.Timeline.SelectMany(p => new[] { p.Harness?.ScheduleLagP99Ms, p.Harness?.DependencyAddedP99Ms, p.Harness?.GcPauseMs }).Where(v => v is not null).Select(v => v!.Value).DefaultIfEmpty(0).Max();
        if (report.HarnessHealth is { } health)
        {
            var lag = plot.Add.HorizontalLine(health.Limits.ScheduleLagP99Ms, 1.5f, Colors.Crimson.WithAlpha(0.6), LinePattern.Dotted);
            lag.LegendText = $"lag limit {health.Limits.ScheduleLagP99Ms:0.#} ms";
            if (Math.Abs(health.Limits.DependencyAddedLatencyP99Ms - health.Limits.ScheduleLagP99Ms) > 1e-9)
            {
                var added = plot.Add.HorizontalLine(health.Limits.DependencyAddedLatencyP99Ms, 1.5f, Colors.DarkOrange.WithAlpha(0.6), LinePattern.Dotted);
                added.LegendText = $"added-latency limit {health.Limits.DependencyAddedLatencyP99Ms:0.#} ms";
            }

            max = Math.Max(max, Math.Max(health.Limits.ScheduleLagP99Ms, health.Limits.DependencyAddedLatencyP99Ms));
        }

        var cpu = report.Timeline.Select(p => Value(p.Harness?.CpuPercent)).ToArray();
        if (x.Length > 0)
        {
            var line = plot.Add.ScatterLine(x, cpu, Colors.SteelBlue);
            line.LegendText = "CPU % of all cores (right)";
            line.LineWidth = 1.5f;
            line.LinePattern = LinePattern.Dashed;
            line.Axes.YAxis = plot.Axes.Right;
            plot.Axes.Right.Label.Text = "CPU %";
            plot.Axes.SetLimitsY(0, 100, plot.Axes.Right);
        }

        plot.Axes.SetLimitsY(0, Math.Max(5, max * 1.15), plot.Axes.Left);
        return Save(plot, "harness-health.png", "Harness health over time");
    }

    /// <summary>True when the timeline carries queue depths; without them no queue plot is written.</summary>
    public static bool HasQueues(RunReport report) => report.Timeline.Any(p => p.Queues.Count > 0);

    /// <summary>One band per dependency, coloured by breaker state (closed, half-open, open) from its transitions.</summary>
    public static PlotFile BreakerStates(RunReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var plot = NewTimePlot(report, "Breaker state per dependency", string.Empty);
        var end = Math.Max(1, Math.Max(report.Timeline.Count, report.Run.DurationS));
        var names = report.Dependencies.Keys.ToArray();
        var legend = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < names.Length; i++)
        {
            // The first dependency on top, as in the tables.
            var row = names.Length - 1 - i;
            foreach (var span in BreakerSpan.Of(report.Dependencies[names[i]], end))
            {
                var (color, text) = span.State switch
                {
                    BreakerSpan.Open => (Colors.Crimson, "open"),
                    BreakerSpan.HalfOpen => (Colors.Orange, "half-open"),
                    _ => (Colors.MediumSeaGreen, "closed"),
                };
                var rect = plot.Add.Rectangle(span.FromS, span.ToS, row - 0.32, row + 0.32);
                rect.FillColor = color.WithAlpha(0.85);
                rect.LineWidth = 0;
                rect.LegendText = legend.Add(text) ? $"breaker {text}" : string.Empty;
            }
        }

        plot.Axes.Left.SetTicks([.. Enumerable.Range(0, names.Length).Select(i => (double)i)], [.. names.Reverse()]);
        plot.Axes.SetLimitsY(-0.6, Math.Max(1, names.Length) - 0.4);
        return Save(plot, "breaker-states.png", "Breaker state per dependency over time");
    }

    /// <summary>Depth (visible + in flight) of every queue per second; dead-letter queues dashed.</summary>
    public static PlotFile QueueDepth(RunReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var plot = NewTimePlot(report, "Queue and dead-letter queue depth", "messages (visible + in flight)");
        var x = Seconds(report);
        var palette = new ScottPlot.Palettes.Category10();
        var queues = report.Timeline.SelectMany(p => p.Queues.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        double max = 0;
        for (var i = 0; i < queues.Count; i++)
        {
            var name = queues[i];
            var y = report.Timeline.Select(p => p.Queues.TryGetValue(name, out var q) ? (double)(q.Visible + q.InFlight) : 0).ToArray();
            max = Math.Max(max, y.DefaultIfEmpty(0).Max());
            var line = plot.Add.ScatterLine(x, y, palette.GetColor(i));
            line.LegendText = IsDeadLetterQueue(name) ? $"{name} (DLQ)" : name;
            line.LineWidth = 2;
            line.LinePattern = IsDeadLetterQueue(name) ? LinePattern.Dashed : LinePattern.Solid;
        }

        plot.Axes.SetLimitsY(0, Math.Max(5, max * 1.15));
        return Save(plot, "queue-depth.png", "Queue and DLQ depth over time");
    }

    /// <summary>
    /// The latency percentile spectrum as HdrHistogram plots it: x is 1/(1 − percentile) on a log scale, so the tail
    /// (99 %, 99.9 %, ...) gets as much room as the median.
    /// </summary>
    public static PlotFile LatencySpectrum(RunReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var plot = new Plot();
        plot.Title("Latency by percentile (corrected for coordinated omission, whole run)");
        plot.XLabel("percentile (log scale of 1 / (1 − percentile))");
        plot.YLabel("latency (ms)");
        var points = report.LatencySpectrum.Where(p => p.Percentile < 100).ToArray();
        var x = points.Select(p => Math.Log10(1 / (1 - (p.Percentile / 100)))).ToArray();
        var y = points.Select(p => p.LatencyMs).ToArray();
        var maxX = Math.Max(2, Math.Ceiling(x.DefaultIfEmpty(0).Max()));
        if (points.Length > 0)
        {
            var line = plot.Add.ScatterLine(x, y, Colors.Crimson);
            line.LineWidth = 2;
            MarkPercentile(plot, points, 50);
            MarkPercentile(plot, points, 99);
            MarkPercentile(plot, points, 99.9);
        }
        else
        {
            plot.Add.Annotation("no latency recorded", Alignment.MiddleCenter);
        }

        var ticks = new List<(double Position, string Label)> { (0, "0%"), (Math.Log10(2), "50%") };
        for (var nines = 1; nines <= maxX; nines++)
        {
            var percent = 100 - (100 / Math.Pow(10, nines));
            ticks.Add((nines, percent.ToString(nines <= 2 ? "0" : "0." + new string('#', nines - 2), System.Globalization.CultureInfo.InvariantCulture) + "%"));
        }

        plot.Axes.Bottom.SetTicks([.. ticks.Select(t => t.Position)], [.. ticks.Select(t => t.Label)]);
        // A little room on the right so the last tick label is not cut off.
        plot.Axes.SetLimitsX(0, maxX + 0.12);
        plot.Axes.SetLimitsY(0, Math.Max(10, y.DefaultIfEmpty(0).Max() * 1.1));
        return Save(plot, "latency-spectrum.png", "Latency percentile spectrum");
    }

    private static void MarkPercentile(Plot plot, SpectrumPoint[] points, double percentile)
    {
        var at = points.FirstOrDefault(p => p.Percentile >= percentile);
        if (at is null)
        {
            return;
        }

        var x = Math.Log10(1 / (1 - (at.Percentile / 100)));
        var marker = plot.Add.Scatter(x, at.LatencyMs, Colors.Black);
        marker.MarkerSize = 7;
        var text = plot.Add.Text($"p{percentile.ToString("0.#", System.Globalization.CultureInfo.InvariantCulture)}: {at.LatencyMs.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture)} ms", x, at.LatencyMs);
        text.LabelFontSize = 13;
        text.LabelAlignment = Alignment.LowerRight;
        text.OffsetX = -6;
        text.OffsetY = -4;
    }

    private static bool IsDeadLetterQueue(string name) =>
        name.Contains("dlq", StringComparison.OrdinalIgnoreCase) || name.Contains("dead", StringComparison.OrdinalIgnoreCase);

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
        if (report.Run.WarmUpS > 0)
        {
            var warmUp = plot.Add.HorizontalSpan(0, report.Run.WarmUpS, Colors.Gray.WithAlpha(0.15));
            warmUp.LegendText = "warm-up (not judged)";
        }

        foreach (var fault in report.Faults)
        {
            var start = fault.ActualStartS ?? fault.StartS;
            var end = fault.ActualEndS ?? fault.EndS;
            var span = plot.Add.HorizontalSpan(start, end, Colors.Red.WithAlpha(0.12));
            span.LegendText = $"{(fault.Source == "operator" ? "operator fault" : "fault")}: {fault.Name} ({fault.Target})";
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
                    PlaceLabelInside(line);
                    openedLegend = true;
                }
                else if (t.To == "Closed")
                {
                    var line = plot.Add.VerticalLine(t.AtS, 1.5f, Colors.SeaGreen.WithAlpha(0.8), LinePattern.Dashed);
                    line.LegendText = closedLegend ? string.Empty : "breaker closed";
                    line.Text = $"{service} closed";
                    PlaceLabelInside(line);
                    closedLegend = true;
                }
            }
        }

        plot.Axes.SetLimitsX(0, Math.Max(1, report.Timeline.Count));

        // Outside the data area: inside, it hid the warm-up spike and the first breaker band.
        plot.ShowLegend(Edge.Right);
        return plot;
    }

    /// <summary>Lifts a breaker line's label from the tick labels (which it hid) into the foot of the data area.</summary>
    private static void PlaceLabelInside(ScottPlot.Plottables.VerticalLine line)
    {
        line.LabelFontSize = 11;
        line.LabelOffsetY = -24;
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
        var png = PngCompression.Smallest(plot.GetImageBytes(Width, Height, ImageFormat.Png));
        return new PlotFile(fileName, title, png);
    }
}
