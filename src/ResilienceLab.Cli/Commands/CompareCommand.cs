using System.CommandLine;
using System.Globalization;
using ResilienceLab.Reporting.Comparison;
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
        command.SetAction(parse =>
        {
            var tolerance = parse.GetValue(maxRegression);
            if (tolerance < 0 || double.IsNaN(tolerance))
            {
                console.WriteError("error: --max-regression must be a percentage of 0 or more");
                return ExitCodes.InvalidInput;
            }

            ComparisonResult result;
            try
            {
                var baselineDir = parse.GetValue(baseline)!;
                var candidateDir = parse.GetValue(candidate)!;
                result = ReportComparer.Compare(ReportFolderReader.Read(baselineDir), ReportFolderReader.Read(candidateDir), tolerance, baselineDir, candidateDir);
            }
            catch (IncompatibleReportException ex)
            {
                console.WriteError($"error: {ex.Message}");
                return ExitCodes.InvalidInput;
            }

            var written = ComparisonFolderWriter.Write(parse.GetValue(output)!, result);
            Print(console, result);
            console.Output.WriteLine($"Comparison: {written}");
            return result.Regressed ? ExitCodes.NotContained : ExitCodes.Contained;
        });
        return command;
    }

    internal static void Print(CliConsole console, ComparisonResult result)
    {
        var table = new Table().AddColumn("scenario").AddColumn("metric").AddColumn(new TableColumn("baseline").RightAligned())
            .AddColumn(new TableColumn("candidate").RightAligned()).AddColumn(new TableColumn("delta").RightAligned())
            .AddColumn(new TableColumn("delta %").RightAligned()).AddColumn("result");
        foreach (var m in result.Scenarios.SelectMany(s => s.Metrics))
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

        console.Output.Write(table);
        var count = result.Regressions.Count();
        console.Output.MarkupLine(count == 0
            ? $"[green]No regression[/] ({Markup.Escape(ComparisonText.Tolerance(result))})"
            : $"[red]{count.ToString(CultureInfo.InvariantCulture)} regression{(count == 1 ? string.Empty : "s")}[/] ({Markup.Escape(ComparisonText.Tolerance(result))})");
    }
}
