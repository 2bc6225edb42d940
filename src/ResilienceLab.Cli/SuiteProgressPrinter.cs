using System.Globalization;
using ResilienceLab.Harness.Suites;

namespace ResilienceLab.Cli;

/// <summary>One line when a suite's scenario starts and one when it ends, with its verdict and failed checks.</summary>
internal sealed class SuiteProgressPrinter(CliConsole console) : IProgress<SuiteProgress>
{
    public void Report(SuiteProgress value)
    {
        var prefix = string.Create(CultureInfo.InvariantCulture, $"[{value.Index}/{value.Count}] {value.Scenario}");
        if (value.Outcome is null)
        {
            console.Output.Profile.Out.Writer.WriteLine($"{prefix}: running");
            return;
        }

        var report = value.Outcome.Report;
        var passed = report.Hypothesis.Count(h => h.Passed);
        console.Output.Profile.Out.Writer.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"{prefix}: {Reporting.Model.VerdictText.Words(report.Verdict)} ({passed}/{report.Hypothesis.Count} checks passed, {report.Run.DurationS:0.0} s) → {value.Outcome.ReportDirectory}"));
    }
}
