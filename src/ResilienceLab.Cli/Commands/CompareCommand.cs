using System.CommandLine;
using System.Globalization;
using ResilienceLab.Reporting.Comparison;
using ResilienceLab.Reporting.Writers;
using Spectre.Console;

namespace ResilienceLab.Cli.Commands;

/// <summary><c>compare BASELINE_DIR CANDIDATE_DIR</c>: every metric of two runs (or two suite runs) side by side; exit 1 on a regression.</summary>
internal static class CompareCommand
{
    public static Command Create(CliConsole console)
    {
        var baseline = new Argument<string>("BASELINE_DIR") { Description = "A scenario report folder (with report.json) or a suite output folder." };
        var candidate = new Argument<string>("CANDIDATE_DIR") { Description = "The same kind of folder for the run to judge." };
        var maxRegression = CommonOptions.MaxRegression();
        var output = new Option<string>("--out") { Description = "Folder for compare.md, compare.html and the overlay plots.", DefaultValueFactory = _ => Path.Combine("reports", "compare") };
        var command = new Command("compare", "Compare a candidate run with a baseline, metric by metric; exit 1 when anything regressed beyond the tolerance.")
        {
            baseline, candidate, maxRegression, output,
        };
        command.SetAction((parse, cancellationToken) => Task.FromResult(Execute(console, parse, baseline, candidate, maxRegression, output, cancellationToken)));
        return command;
    }

    private static int Execute(CliConsole console, ParseResult parse, Argument<string> baseline, Argument<string> candidate, Option<double> maxRegression, Option<string> output, CancellationToken cancellationToken)
    {
        var tolerance = parse.GetValue(maxRegression);
        if (tolerance < 0 || double.IsNaN(tolerance))
        {
            console.WriteError("error: --max-regression must be a percentage of 0 or more");
            return ExitCodes.InvalidInput;
        }

        var outDirectory = parse.GetValue(output)!;
        ComparisonResult result;
        try
        {
            var baselineDir = parse.GetValue(baseline)!;
            var candidateDir = parse.GetValue(candidate)!;
            result = ReportComparer.Compare(ReportFolderReader.Read(baselineDir, cancellationToken), ReportFolderReader.Read(candidateDir, cancellationToken), tolerance, baselineDir, candidateDir);
        }
        catch (OperationCanceledException)
        {
            console.WriteError($"error: compare interrupted ({Interruption.Name}) while reading the reports; nothing was written");
            return ExitCodes.Aborted;
        }
        catch (IncompatibleReportException ex)
        {
            console.WriteError($"error: {ex.Message}");
            return ExitCodes.InvalidInput;
        }

        if (OutputChecks.Refused(console, "--out", WritableLocation.FolderProblem(outDirectory)))
        {
            return ExitCodes.InvalidInput;
        }

        Print(console, result);
        try
        {
            console.Output.WriteLine($"Comparison: {ComparisonFolderWriter.Write(outDirectory, result, cancellationToken)}");
        }
        catch (OperationCanceledException)
        {
            console.WriteError($"error: compare interrupted ({Interruption.Name}) while writing; {outDirectory} may hold only part of the comparison");
            return ExitCodes.Aborted;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return OutputChecks.WriteFailed(console, $"the comparison in {outDirectory}", ex.Message);
        }

        return result.Regressed ? ExitCodes.NotContained : ExitCodes.Contained;
    }

    /// <summary>Up to this many scenarios the console shows every metric; beyond, only the regressed ones (compare.md has all).</summary>
    internal const int MaxScenariosInFull = 10;

    internal static void Print(CliConsole console, ComparisonResult result)
    {
        var full = result.Scenarios.Count <= MaxScenariosInFull;
        var table = new Table().AddColumn("scenario").AddColumn("metric").AddColumn(new TableColumn("baseline").RightAligned())
            .AddColumn(new TableColumn("candidate").RightAligned()).AddColumn(new TableColumn("delta").RightAligned())
            .AddColumn(new TableColumn("delta %").RightAligned()).AddColumn("result");
        foreach (var m in result.Scenarios.SelectMany(s => s.Metrics).Where(m => full || m.Regressed))
        {
            var outcome = Markup.Escape(ComparisonText.Outcome(m));
            table.AddRow(
                Markup.Escape(m.Scenario),
                Markup.Escape(m.Metric),
                Markup.Escape(ComparisonText.Value(m.Baseline)),
                Markup.Escape(ComparisonText.Value(m.Candidate)),
                Markup.Escape(ComparisonText.Delta(m)),
                Markup.Escape(ComparisonText.DeltaPercent(m)),
                m.Regressed ? $"[red]{outcome}[/]" : outcome);
        }

        if (table.Rows.Count > 0)
        {
            console.Output.Write(table);
        }

        if (!full)
        {
            console.Output.WriteLine($"{result.Scenarios.Count} scenarios compared; {(table.Rows.Count == 0 ? "no metric" : "only the metrics")} regressed {(table.Rows.Count == 0 ? string.Empty : "are shown ")}here, compare.md and compare.html have every metric");
        }

        var count = result.Regressions.Count();
        console.Output.MarkupLine(count == 0
            ? $"[green]No regression[/] ({Markup.Escape(ComparisonText.Tolerance(result))})"
            : $"[red]{count.ToString(CultureInfo.InvariantCulture)} regression{(count == 1 ? string.Empty : "s")}[/] ({Markup.Escape(ComparisonText.Tolerance(result))})");
    }
}
