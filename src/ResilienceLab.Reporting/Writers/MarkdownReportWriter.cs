using System.Globalization;
using System.Text;
using ResilienceLab.Reporting.Model;

namespace ResilienceLab.Reporting.Writers;

/// <summary>report.md: verdict, hypothesis table, dependencies, faults, messages; for pull-request comments and CI job summaries.</summary>
public static class MarkdownReportWriter
{
    public static string Render(RunReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var md = new StringBuilder();
        var icon = report.Verdict switch
        {
            Verdict.Contained => "✅",
            Verdict.NotContained => "❌",
            Verdict.Inconclusive => "❔",
            Verdict.Aborted => "⚠️",
        };
        md.AppendLine(CultureInfo.InvariantCulture, $"# {icon} {E(report.Scenario)}: {VerdictText.Words(report.Verdict)}");
        md.AppendLine();
        if (!string.IsNullOrWhiteSpace(report.Description))
        {
            md.AppendLine(E(report.Description)).AppendLine();
        }

        if (report.AbortReason is not null)
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"**Aborted:** {E(report.AbortReason)}").AppendLine();
        }
        else if (report.Verdict is Verdict.Inconclusive or Verdict.NotContained)
        {
            foreach (var reason in report.VerdictReasons)
            {
                md.AppendLine(CultureInfo.InvariantCulture, $"- {reason}");
            }

            md.AppendLine();
        }

        md.AppendLine("## Hypothesis").AppendLine();
        md.AppendLine("| check | metric | expected | observed | result |");
        md.AppendLine("|---|---|---|---|---|");
        foreach (var check in report.Hypothesis)
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"| {E(check.Name)} | {MarkdownText.Code(check.Metric)} | {E(check.Expected)} | {(check.Observed is null ? E(check.Note ?? "none") : Format(check.Observed))} | {(check.Outcome == CheckOutcome.Failed ? "**FAIL**" : VerdictText.Result(check.Outcome))} |");
        }

        var s = report.Summary;
        md.AppendLine().AppendLine("## Summary").AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"- iterations: {s.Started} started, {s.Ok} ok, {s.Failed} failed, {s.Dropped} dropped, {s.Degraded} degraded");
        md.AppendLine(CultureInfo.InvariantCulture, $"- throughput: {s.RequestsPerSecond:0.0} workflows/s, error rate {s.ErrorRate:P1}");
        md.AppendLine(CultureInfo.InvariantCulture, $"- latency (corrected): p50 {s.Latency.P50Ms:0.0} ms, p95 {s.Latency.P95Ms:0.0} ms, p99 {s.Latency.P99Ms:0.0} ms, max {s.Latency.MaxMs:0.0} ms");
        md.AppendLine(CultureInfo.InvariantCulture, $"- service time (uncorrected): p50 {s.ServiceTime.P50Ms:0.0} ms, p99 {s.ServiceTime.P99Ms:0.0} ms");
        if (report.Windows.TryGetValue("fault", out var fault) && fault.Seconds > 0)
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"- fault window ({fault.FromS}–{fault.ToS} s, corrected): p50 {fault.Latency.P50Ms:0.0} ms, p90 {fault.Latency.P90Ms:0.0} ms, p99 {fault.Latency.P99Ms:0.0} ms, max {fault.Latency.MaxMs:0.0} ms");
        }

        if (report.HarnessHealth is { } health)
        {
            md.AppendLine(health.Healthy
                ? "- harness health: kept up in every judged window"
                : "- harness health: **fell behind** — " + string.Join("; ", health.Problems));
        }

        md.AppendLine().AppendLine("## Dependencies").AppendLine();
        md.AppendLine("| service | calls | errors | attempts | attempts/call | requests received | breaker transitions | time to open | time to close | breaker table ops/s per instance (peak) |");
        md.AppendLine("|---|---|---|---|---|---|---|---|---|---|");
        foreach (var (name, d) in report.Dependencies)
        {
            var received = d.RequestsObserved ? d.RequestsReceived.ToString(CultureInfo.InvariantCulture) : "not observed";
            var table = d.BreakerTableOperationsPerSecondPerInstance is { } perInstance ? perInstance.ToString("0.##", CultureInfo.InvariantCulture) : "–";
            md.AppendLine(CultureInfo.InvariantCulture, $"| {E(name)} | {d.Calls} | {d.Errors} | {d.Attempts} | {d.Amplification:0.00} | {received} | {d.BreakerTransitions.Count} | {Seconds(d.TimeToOpenS)} | {Seconds(d.TimeToCloseS)} | {table} |");
        }

        if (report.Faults.Count > 0)
        {
            md.AppendLine().AppendLine("## Faults").AppendLine();
            md.AppendLine("| fault | kind | target | rate | window | requests hit |");
            md.AppendLine("|---|---|---|---|---|---|");
            foreach (var f in report.Faults)
            {
                md.AppendLine(CultureInfo.InvariantCulture, $"| {E(f.Name)} | {E(f.Kind)} | {E(f.Target)} | {f.Rate:0.##} | {f.ActualStartS ?? f.StartS:0.0}s – {f.ActualEndS ?? f.EndS:0.0}s{(f.RolledBackEarly ? " (rolled back early)" : string.Empty)} | {f.RequestsAffected} |");
            }
        }

        var m = report.Messages;
        md.AppendLine().AppendLine("## Messages").AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"sent {m.Sent}, processed {m.Processed}, duplicates {m.Duplicates}, dead-lettered {m.DeadLettered}, in flight {m.InFlight}, lost {m.Lost}{(m.Unknown is { } why ? $" (unknown: {E(why)})" : string.Empty)}");
        md.AppendLine().AppendLine(CultureInfo.InvariantCulture, $"_seed {report.Run.Seed}{(report.Run.Quick ? ", quick" : string.Empty)}, target {E(report.Run.Target)}, {report.Run.DurationS:0.0} s{(report.Run.Label is null ? string.Empty : ", label " + E(report.Run.Label))}_");
        return md.ToString();
    }

    private static string E(string? text) => MarkdownText.Escape(text);

    private static string Format(double? value) => value is { } v ? v.ToString("0.###", CultureInfo.InvariantCulture) : "not observed";

    private static string Seconds(double? value) => value is { } v ? v.ToString("0.0", CultureInfo.InvariantCulture) + " s" : "–";
}
