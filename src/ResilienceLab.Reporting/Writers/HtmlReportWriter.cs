using System.Globalization;
using System.Text;
using ResilienceLab.Reporting.Model;
using ResilienceLab.Reporting.Plots;
using static ResilienceLab.Reporting.Writers.HtmlPage;

namespace ResilienceLab.Reporting.Writers;

/// <summary>
/// report.html: one self-contained file (plots inlined as data URIs, inline CSS, no scripts). Verdict first, then the
/// hypothesis checks, the fault and breaker timeline, dependencies, messages, latency, plots and the run's identity.
/// </summary>
public static class HtmlReportWriter
{
    private const int TimelineWidth = 1000;
    private const int TimelineLabelWidth = 190;
    private const int TimelineRowHeight = 26;

    public static string Render(RunReport report, IReadOnlyList<PlotFile> plots)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(plots);
        var html = new StringBuilder(64 * 1024);
        Begin(html, $"{report.Scenario}: {VerdictText.Words(report.Verdict)}");
        Verdict(html, report);
        Hypotheses(html, report);
        HarnessHealth(html, report);
        Timeline(html, report);
        Journal(html, report);
        Transitions(html, report);
        Dependencies(html, report);
        Messages(html, report);
        Latency(html, report);
        Plots(html, report, plots);
        Identity(html, report);
        End(html);
        return html.ToString();
    }

    private static void Verdict(StringBuilder html, RunReport report)
    {
        var sub = VerdictText.Meaning(report);
        html.Append(CultureInfo.InvariantCulture, $"<section class=\"verdict {VerdictClass(report.Verdict)}\"><div class=\"word\">{Encode(VerdictText.Words(report.Verdict))}</div>")
            .Append(CultureInfo.InvariantCulture, $"<h1>{Encode(report.Scenario)}</h1><div class=\"sub\">{Encode(sub)}</div></section>\n");
        if (report.Verdict is Model.Verdict.Inconclusive or Model.Verdict.NotContained && report.VerdictReasons.Count > 0)
        {
            html.Append("<ul class=\"reasons\">");
            foreach (var reason in report.VerdictReasons)
            {
                html.Append("<li>").Append(Encode(reason)).Append("</li>");
            }

            html.Append("</ul>\n");
        }

        if (!string.IsNullOrWhiteSpace(report.Description))
        {
            html.Append("<p>").Append(Encode(report.Description)).Append("</p>\n");
        }
    }

    private static void Hypotheses(StringBuilder html, RunReport report)
    {
        html.Append("<h2>Hypothesis</h2>\n<table><tr><th>check</th><th>metric</th><th>expected</th><th>observed</th><th>result</th></tr>\n");
        foreach (var h in report.Hypothesis)
        {
            var cls = h.Outcome switch { CheckOutcome.Passed => "pass", CheckOutcome.Failed => "fail", CheckOutcome.NotObserved => "warn" };
            html.Append(CultureInfo.InvariantCulture, $"<tr><td>{Encode(h.Name)}</td><td><code>{Encode(h.Metric)}</code></td><td>{Encode(h.Expected)}</td>")
                .Append(CultureInfo.InvariantCulture, $"<td class=\"num\">{(h.Observed is null ? Encode(h.Note ?? "none") : Number(h.Observed))}</td><td class=\"{cls}\">{VerdictText.Result(h.Outcome)}</td></tr>\n");
        }

        if (report.Hypothesis.Count == 0)
        {
            html.Append("<tr><td colspan=\"5\" class=\"note\">no checks judged</td></tr>\n");
        }

        html.Append("</table>\n");
    }

    private static void HarnessHealth(StringBuilder html, RunReport report)
    {
        html.Append("<h2>Harness health</h2>\n");
        if (report.HarnessHealth is not { } health)
        {
            html.Append("<p class=\"note\">Not measured in this run.</p>\n");
            return;
        }

        var l = health.Limits;
        html.Append(health.Healthy
                ? "<p class=\"note\">The harness kept up in every judged window: the figures below are the system's, not the harness's.</p>\n"
                : "<p class=\"note\">The harness fell behind in a judged window, so the verdict is inconclusive: it does not blame the system for its own saturation.</p>\n")
            .Append("<table><tr><th>window</th><th>seconds</th><th>judged</th><th>schedule lag p99</th><th>dropped</th><th>thread-pool queue</th><th>GC pause (max/s)</th><th>CPU (mean)</th><th>dependency servers' added p99</th></tr>\n")
            .Append(CultureInfo.InvariantCulture, $"<tr><th>limit</th><td></td><td></td><td class=\"num\">{Number(l.ScheduleLagP99Ms, "0.#")} ms</td><td class=\"num\">{l.Dropped}</td><td class=\"num\">{l.ThreadPoolQueue}</td><td class=\"num\">{Number(l.GcPauseMsPerSecond, "0.#")} ms</td><td class=\"num\">{Number(l.CpuPercent, "0.#")} %</td><td class=\"num\">{Number(l.DependencyAddedLatencyP99Ms, "0.#")} ms</td></tr>\n");
        foreach (var (window, w) in health.Windows)
        {
            string Cell(string signal, string text) =>
                w.Violations.Any(v => v.Signal == signal) ? $"<td class=\"num {(w.Judged ? "fail" : "warn")}\">{text}</td>" : $"<td class=\"num\">{text}</td>";
            string Ms(double? v) => v is { } x ? Number(x, "0.0") + " ms" : "–";
            html.Append(CultureInfo.InvariantCulture, $"<tr><td>{Encode(window)}</td><td class=\"num\">{w.FromS}–{w.ToS}</td><td>{(w.Judged ? "yes" : "no")}</td>")
                .Append(Cell("schedule_lag_p99_ms", Ms(w.ScheduleLagP99Ms)))
                .Append(Cell("dropped", w.Dropped.ToString(CultureInfo.InvariantCulture)))
                .Append(Cell("thread_pool_queue", w.ThreadPoolQueueMax?.ToString(CultureInfo.InvariantCulture) ?? "–"))
                .Append(Cell("gc_pause_ms", Ms(w.GcPauseMsMax)))
                .Append(Cell("cpu_percent", w.CpuPercentMean is { } cpu ? Number(cpu, "0.0") + " %" : "–"))
                .Append(Cell("dependency_added_latency_p99_ms", Ms(w.DependencyAddedLatencyP99Ms)))
                .Append("</tr>\n");
        }

        html.Append("</table>\n<p class=\"note\">Schedule lag: how late iterations started behind their intended start. Added latency: the time the dependency servers took beyond the delay a fault meant. A window is judged when a check reads it. Per second: <code>harness-health.png</code>.</p>\n");
    }

    private static void Timeline(StringBuilder html, RunReport report)
    {
        var end = RunEnd(report);
        var rows = report.Faults.Count + report.Dependencies.Count;
        html.Append("<h2>Fault and breaker timeline</h2>\n");
        if (rows == 0)
        {
            html.Append("<p class=\"note\">No faults and no dependencies in this run.</p>\n");
            return;
        }

        var height = (rows * TimelineRowHeight) + 30;
        var scale = (TimelineWidth - TimelineLabelWidth - 10) / end;
        html.Append(CultureInfo.InvariantCulture, $"<svg viewBox=\"0 0 {TimelineWidth} {height}\" width=\"100%\" role=\"img\" aria-label=\"fault windows and breaker states over the run\" style=\"background:#fff;border:1px solid #d5d9e0\">\n");
        var y = 6;
        foreach (var f in report.Faults)
        {
            var from = f.ActualStartS ?? f.StartS;
            var to = f.ActualEndS ?? f.EndS;
            Label(html, y, f.Source == "operator" ? $"operator: {f.Name}" : $"fault: {f.Name}");
            Bar(html, y, from, to, scale, "#c0262d", $"{f.Name} ({f.Kind}) on {f.Target}: {Number(from, "0.0")} s – {Number(to, "0.0")} s, rate {Number(f.Rate, "0.##")}");
            y += TimelineRowHeight;
        }

        foreach (var (service, dependency) in report.Dependencies)
        {
            Label(html, y, $"breaker: {service}");
            foreach (var span in BreakerSpan.Of(dependency, end))
            {
                var colour = span.State switch
                {
                    BreakerSpan.Open => "#c0262d",
                    BreakerSpan.HalfOpen => "#e0a100",
                    _ => "#7fc79a",
                };
                Bar(html, y, span.FromS, span.ToS, scale, colour, $"{service} {span.State.Replace('_', '-')}: {Number(span.FromS, "0.0")} s – {Number(span.ToS, "0.0")} s");
            }

            y += TimelineRowHeight;
        }

        var step = end <= 20 ? 2 : end <= 60 ? 5 : end <= 180 ? 15 : 60;
        for (var s = 0; s <= end + 1e-9; s += step)
        {
            var x = TimelineLabelWidth + (s * scale);
            html.Append(CultureInfo.InvariantCulture, $"<line x1=\"{x:0.#}\" y1=\"2\" x2=\"{x:0.#}\" y2=\"{y}\" stroke=\"#d5d9e0\"/><text x=\"{x:0.#}\" y=\"{y + 16}\" text-anchor=\"middle\">{s} s</text>\n");
        }

        html.Append("</svg>\n<p class=\"legend note\"><span><i class=\"sw\" style=\"background:#c0262d\"></i>fault active / breaker open</span>")
            .Append("<span><i class=\"sw\" style=\"background:#e0a100\"></i>half-open</span><span><i class=\"sw\" style=\"background:#7fc79a\"></i>closed</span>")
            .Append(CultureInfo.InvariantCulture, $"<span>run length {Number(end, "0.0")} s (hover a bar for its times)</span></p>\n");
    }

    private static void Journal(StringBuilder html, RunReport report)
    {
        if (report.Journal.Count == 0)
        {
            return;
        }

        html.Append("<h2>Journal</h2>\n<p class=\"note\">Every fault switched on and off (scheduled and by the operator), breaker transition, stop condition and operator note, in order; the same lines are in <code>journal.jsonl</code>.</p>\n")
            .Append("<table><tr><th>t</th><th>time</th><th>what</th><th>detail</th></tr>\n");
        foreach (var entry in report.Journal)
        {
            var cls = entry.Type switch
            {
                "stop_condition_tripped" => " class=\"fail\"",
                "operator_note" => " class=\"warn\"",
                _ => string.Empty,
            };
            html.Append(CultureInfo.InvariantCulture, $"<tr><td class=\"num\">{Number(entry.TimeS, "0.0")} s</td><td class=\"num\">{Encode(entry.At.ToString("HH:mm:ss", CultureInfo.InvariantCulture))}</td>")
                .Append(CultureInfo.InvariantCulture, $"<td{cls}>{Encode(entry.Type.Replace('_', ' '))}</td><td>{Encode(entry.Text)}</td></tr>\n");
        }

        html.Append("</table>\n");
    }

    private static void Label(StringBuilder html, int y, string text) =>
        html.Append(CultureInfo.InvariantCulture, $"<text x=\"6\" y=\"{y + 15}\">{Encode(text)}</text>\n");

    private static void Bar(StringBuilder html, int y, double from, double to, double scale, string colour, string title)
    {
        var x = TimelineLabelWidth + (Math.Max(0, from) * scale);
        var w = Math.Max(1.5, (to - Math.Max(0, from)) * scale);
        html.Append(CultureInfo.InvariantCulture, $"<rect x=\"{x:0.#}\" y=\"{y}\" width=\"{w:0.#}\" height=\"{TimelineRowHeight - 8}\" rx=\"3\" fill=\"{colour}\"><title>{Encode(title)}</title></rect>\n");
    }

    private static void Transitions(StringBuilder html, RunReport report)
    {
        html.Append("<h2>Breaker transitions</h2>\n");
        var all = report.Dependencies
            .SelectMany(d => d.Value.BreakerTransitions.Select(t => (Service: d.Key, Transition: t)))
            .OrderBy(t => t.Transition.AtS)
            .ToList();
        if (all.Count == 0)
        {
            html.Append("<p class=\"note\">No breaker changed state.</p>\n");
            return;
        }

        html.Append("<table><tr><th>at</th><th>dependency</th><th>from</th><th>to</th><th>why</th></tr>\n");
        foreach (var (service, t) in all)
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr><td class=\"num\">{Number(t.AtS, "0.000")} s</td><td>{Encode(service)}</td><td>{Encode(StateText(t.From))}</td><td>{Encode(StateText(t.To))}</td><td>{Encode(t.Reason)}</td></tr>\n");
        }

        html.Append("</table>\n");
    }

    private static void Dependencies(StringBuilder html, RunReport report)
    {
        html.Append("<h2>Dependencies</h2>\n<table><tr><th>dependency</th><th>calls</th><th>errors</th><th>attempts</th><th>attempts per call</th>")
            .Append("<th>requests received</th><th>received while open</th><th>probes allowed</th><th>time to open</th><th>time to close</th><th>breaker table ops/s per instance (peak)</th></tr>\n");
        foreach (var (name, d) in report.Dependencies)
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr><td>{Encode(name)}</td><td class=\"num\">{d.Calls}</td><td class=\"num\">{d.Errors}</td><td class=\"num\">{d.Attempts}</td>")
                .Append(d.RequestsObserved
                    ? string.Create(CultureInfo.InvariantCulture, $"<td class=\"num\">{Number(d.Amplification, "0.00")}</td><td class=\"num\">{d.RequestsReceived}</td><td class=\"num\">{d.RequestsWhileOpen}</td><td class=\"num\">{d.ProbesAllowed}</td>")
                    : string.Create(CultureInfo.InvariantCulture, $"<td class=\"num\">{Number(d.Amplification, "0.00")}</td><td colspan=\"2\">not observed (no server of this run saw its requests)</td><td class=\"num\">{d.ProbesAllowed}</td>"))
                .Append(CultureInfo.InvariantCulture, $"<td class=\"num\">{Seconds(d.TimeToOpenS)}</td><td class=\"num\">{Seconds(d.TimeToCloseS)}</td>")
                .Append(CultureInfo.InvariantCulture, $"<td class=\"num\">{(d.BreakerTableOperationsPerSecondPerInstance is { } perInstance ? Number(perInstance, "0.##") : "–")}</td></tr>\n");
        }

        html.Append("</table>\n<p class=\"note\">Time to open counts from the first fault on the dependency; time to close from the end of its last fault. A dash: it did not happen.</p>\n");
    }

    private static void Messages(StringBuilder html, RunReport report)
    {
        var m = report.Messages;
        html.Append("<h2>Messages</h2>\n<table><tr><th>channel</th><th>sent</th><th>processed</th><th>duplicates</th><th>dead-lettered</th><th>in flight</th><th>lost</th><th>poison not dead-lettered</th><th>dead-lettered not poison</th></tr>");
        foreach (var (name, channel) in report.MessageChannels.Append(new KeyValuePair<string, MessageAccounting>("all", m)))
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr><td>{Encode(name)}</td><td class=\"num\">{channel.Sent}</td><td class=\"num\">{channel.Processed}</td><td class=\"num\">{channel.Duplicates}</td><td class=\"num\">{channel.DeadLettered}</td><td class=\"num\">{channel.InFlight}</td>")
                .Append(CultureInfo.InvariantCulture, $"<td class=\"num {(channel.Lost > 0 ? "fail" : string.Empty)}\">{channel.Lost}</td><td class=\"num\">{channel.PoisonNotDeadLettered}</td><td class=\"num\">{channel.DeadLetteredNotPoison}</td></tr>");
            if (channel.Unknown is { } why)
            {
                html.Append(CultureInfo.InvariantCulture, $"<tr><td></td><td colspan=\"8\" class=\"warn\">unknown: {Encode(why)}</td></tr>");
            }
        }

        html.Append("</table>\n")
            .Append(m.Sent == 0 ? "<p class=\"note\">No messages were sent in this run.</p>\n" : "<p class=\"note\">Every message carries the run's id and its own; lost counts messages sent and found nowhere (not processed, not dead-lettered, not in flight), so duplicates never hide a loss.</p>\n");
    }

    private static void Latency(StringBuilder html, RunReport report)
    {
        var s = report.Summary;
        html.Append("<h2>Latency and throughput</h2>\n")
            .Append(CultureInfo.InvariantCulture, $"<p>{s.Started} workflows started: {s.Ok} ok, {s.Failed} failed, {s.Dropped} dropped, {s.Degraded} degraded; ")
            .Append(CultureInfo.InvariantCulture, $"{Number(s.RequestsPerSecond, "0.0")} workflows/s, error rate {Number(s.ErrorRate * 100, "0.0")} %.</p>\n")
            .Append("<table><tr><th>latency (ms)</th><th>p50</th><th>p95</th><th>p99</th><th>max</th><th>mean</th></tr>\n");
        LatencyRow(html, "corrected (from intended start)", s.Latency);
        LatencyRow(html, "uncorrected (service time)", s.ServiceTime);
        html.Append("</table>\n");
        if (report.Windows.Count > 0)
        {
            html.Append("<table><tr><th>window</th><th>seconds</th><th>ok</th><th>failed</th><th>dropped</th><th>p50</th><th>p90</th><th>p99</th><th>p99.9</th><th>max</th><th>service time p99</th></tr>\n");
            foreach (var (name, w) in report.Windows)
            {
                html.Append(CultureInfo.InvariantCulture, $"<tr><td>{Encode(name)}</td><td class=\"num\">{w.FromS}–{w.ToS}</td><td class=\"num\">{w.Ok}</td><td class=\"num\">{w.Failed}</td><td class=\"num\">{w.Dropped}</td>")
                    .Append(CultureInfo.InvariantCulture, $"<td class=\"num\">{Number(w.Latency.P50Ms, "0.0")}</td><td class=\"num\">{Number(w.Latency.P90Ms, "0.0")}</td><td class=\"num\">{Number(w.Latency.P99Ms, "0.0")}</td>")
                    .Append(CultureInfo.InvariantCulture, $"<td class=\"num\">{Number(w.Latency.P999Ms, "0.0")}</td><td class=\"num\">{Number(w.Latency.MaxMs, "0.0")}</td><td class=\"num\">{Number(w.ServiceTime.P99Ms, "0.0")}</td></tr>\n");
            }

            html.Append("</table>\n<p class=\"note\">Window latency (ms, corrected) is taken from the window's per-second histograms added together: every workflow of the window counts, none is averaged away.</p>\n");
        }

        if (s.FailedByReason.Count > 0)
        {
            html.Append("<table><tr><th>failure reason</th><th>workflows</th></tr>\n");
            foreach (var (reason, count) in s.FailedByReason.OrderByDescending(p => p.Value))
            {
                html.Append(CultureInfo.InvariantCulture, $"<tr><td><code>{Encode(reason)}</code></td><td class=\"num\">{count}</td></tr>\n");
            }

            html.Append("</table>\n");
        }
    }

    private static void LatencyRow(StringBuilder html, string name, LatencyFigures l) =>
        html.Append(CultureInfo.InvariantCulture, $"<tr><td>{Encode(name)}</td><td class=\"num\">{Number(l.P50Ms, "0.0")}</td><td class=\"num\">{Number(l.P95Ms, "0.0")}</td>")
            .Append(CultureInfo.InvariantCulture, $"<td class=\"num\">{Number(l.P99Ms, "0.0")}</td><td class=\"num\">{Number(l.MaxMs, "0.0")}</td><td class=\"num\">{Number(l.MeanMs, "0.0")}</td></tr>\n");

    private static void Plots(StringBuilder html, RunReport report, IReadOnlyList<PlotFile> plots)
    {
        html.Append("<h2>Plots</h2>\n<p class=\"note\">Shaded: fault windows. Dashed lines: breaker opened (red) and closed (green).</p>\n");
        foreach (var plot in plots)
        {
            html.Append(CultureInfo.InvariantCulture, $"<figure><img src=\"{PngDataUri(plot.Png)}\" alt=\"{Encode(plot.Title)}\"><figcaption>{Encode(plot.Title)} (<code>{Encode(plot.FileName)}</code>)</figcaption></figure>\n");
        }

        if (!ReportPlots.HasQueues(report))
        {
            html.Append("<p class=\"note\">No queues in this run, so no queue-depth plot was written.</p>\n");
        }
    }

    private static void Identity(StringBuilder html, RunReport report)
    {
        var r = report.Run;
        html.Append("<h2>Run</h2>\n<table>\n");
        Row(html, "scenario", report.Scenario);
        Row(html, "label", r.Label ?? "–");
        Row(html, "git commit", r.GitCommit ?? "not recorded");
        Row(html, "config hash", r.ConfigHash ?? "not recorded");
        Row(html, "seed", r.Seed.ToString(CultureInfo.InvariantCulture) + (r.Quick ? " (quick)" : string.Empty));
        Row(html, "target", r.Target);
        Row(html, "started", r.StartedAt.ToString("yyyy-MM-dd HH:mm:ss 'UTC'zzz", CultureInfo.InvariantCulture));
        Row(html, "duration", $"{Number(r.DurationS, "0.0")} s (warm-up {Number(r.WarmUpS, "0.#")} s excluded from the figures)");
        Row(html, "machine", r.Machine ?? "not recorded");
        Row(html, "tool version", r.ToolVersion ?? "not recorded");
        Row(html, "report schema", report.SchemaVersion.ToString(CultureInfo.InvariantCulture));
        html.Append("</table>\n");
    }

    private static void Row(StringBuilder html, string name, string value) =>
        html.Append(CultureInfo.InvariantCulture, $"<tr><th>{Encode(name)}</th><td><code>{Encode(value)}</code></td></tr>\n");

    private static string StateText(string state) => BreakerSpan.Normalize(state).Replace('_', '-');

    private static string Seconds(double? value) => value is { } v ? Number(v, "0.00") + " s" : "–";

    private static double RunEnd(RunReport report) =>
        Math.Max(1, Math.Max(report.Run.DurationS, Math.Max(report.Timeline.Count, report.Faults.Select(f => f.ActualEndS ?? f.EndS).DefaultIfEmpty(0).Max())));
}
