using System.Globalization;
using ResilienceLab.Harness.Runs;
using ResilienceLab.Reporting.Model;
using Spectre.Console;

namespace ResilienceLab.Cli;

/// <summary>The end-of-run summary: verdict, each hypothesis check with expected and observed, and where the report went.</summary>
internal static class RunSummaryPrinter
{
    public static void Print(CliConsole console, RunOutcome outcome)
    {
        var report = outcome.Report;
        var colour = report.Verdict switch
        {
            Verdict.Contained => "green",
            Verdict.NotContained => "red",
            Verdict.Inconclusive => "blue",
            Verdict.Aborted => "yellow",
        };
        console.Output.WriteLine();
        console.Output.MarkupLine($"Verdict: [bold {colour}]{VerdictText.Words(report.Verdict).ToUpperInvariant()}[/]{(report.AbortReason is null ? string.Empty : " (" + Markup.Escape(report.AbortReason) + ")")}");
        if (report.Verdict is Verdict.Inconclusive or Verdict.NotContained)
        {
            foreach (var reason in report.VerdictReasons)
            {
                console.Output.MarkupLine($"  [{colour}]-[/] {Markup.Escape(reason)}");
            }
        }

        var table = new Table().AddColumn("check").AddColumn("metric").AddColumn("expected").AddColumn("observed").AddColumn("result");
        foreach (var check in report.Hypothesis)
        {
            table.AddRow(
                Markup.Escape(check.Name),
                Markup.Escape(check.Metric),
                Markup.Escape(check.Expected),
                Markup.Escape(VerdictText.Observed(check)),
                check.Outcome switch
                {
                    CheckOutcome.Passed => "[green]pass[/]",
                    CheckOutcome.Failed => "[red]FAIL[/]",
                    CheckOutcome.NotObserved => "[blue]not observed[/]",
                });
        }

        console.Output.Write(table);
        var s = report.Summary;
        console.Output.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"Workflows: {s.Started} started, {s.Ok} ok, {s.Failed} failed, {s.Dropped} dropped, {s.Degraded} degraded; p99 {s.Latency.P99Ms:0.0} ms (service time p99 {s.ServiceTime.P99Ms:0.0} ms)"));
        foreach (var (name, d) in report.Dependencies)
        {
            var open = d.TimeToOpenS is { } o ? $", opened after {o:0.0} s" : string.Empty;
            var close = d.TimeToCloseS is { } c ? $", closed {c:0.0} s after recovery" : string.Empty;
            var peak = d.BreakerTableOperationsPerSecondPerInstance is { } perInstance ? string.Create(CultureInfo.InvariantCulture, $" (peak {perInstance:0.#}/s per instance)") : string.Empty;
            var tableCost = d.BreakerTableOperations is { } ops ? $", breaker table {ops} operations{peak}" : string.Empty;
            var received = d.RequestsObserved ? $"{d.RequestsReceived} requests received" : "requests received not observed";
            console.Output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {name}: {d.Calls} calls, {d.Errors} errors, {received}, {d.Amplification:0.00} attempts/call{open}{close}{tableCost}"));
        }

        console.Output.WriteLine($"Report: {Path.GetFullPath(outcome.ReportDirectory)} (written in {outcome.ReportTime.TotalSeconds:0.0} s)");
    }
}
