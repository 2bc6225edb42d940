using System.CommandLine;
using ResilienceLab.Harness.Configuration;
using ResilienceLab.Harness.Input;
using ResilienceLab.Harness.Scenarios;
using ResilienceLab.Harness.Suites;
using ResilienceLab.Reporting.Comparison;
using Spectre.Console;

namespace ResilienceLab.Cli.Commands;

/// <summary>
/// <c>gate --suite NAME</c>: every scenario of a suite, one after another, a summary and a combined junit.xml; exit 0 only
/// when every scenario was contained and, with <c>--baseline</c>, nothing regressed beyond the tolerance.
/// </summary>
internal static class GateCommand
{
    public static Command Create(CliConsole console) => Create(console, () => new ScenarioRunnerExecutor(TimeProvider.System));

    internal static Command Create(CliConsole console, Func<IScenarioExecutor> executorFactory)
    {
        var suite = new Option<string>("--suite") { Description = "Suite name (a file in SCENARIOS/suites/) or path to a suite file.", Required = true };
        var quick = CommonOptions.Quick();
        var baseline = new Option<string?>("--baseline") { Description = "An earlier gate's output folder to compare with; a regression fails the gate." };
        var output = new Option<string?>("--out") { Description = "Folder for the scenario reports, summary.md, summary.html and junit.xml (default reports/suites/NAME)." };
        var config = CommonOptions.Config();
        var scenarios = CommonOptions.Scenarios();
        var maxRegression = new Option<double?>("--max-regression") { Description = "Tolerance in percent of the baseline (default: the suite's max_regression_pct, else 10)." };
        var command = new Command("gate", "Run a suite of scenarios as a CI gate: summary, combined junit.xml, optional comparison with a baseline.")
        {
            suite, quick, baseline, output, config, scenarios, maxRegression,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (parse.GetValue(maxRegression) is < 0)
            {
                console.WriteError("error: --max-regression must be a percentage of 0 or more");
                return ExitCodes.InvalidInput;
            }

            SuiteRequest request;
            try
            {
                var configPath = ProjectPaths.Resolve(parse.GetValue(config)!, parse.GetResult(config)?.Implicit ?? true);
                var folder = ProjectPaths.Resolve(parse.GetValue(scenarios)!, parse.GetResult(scenarios)?.Implicit ?? true);
                var loaded = ConfigReader.Read(configPath);
                var read = SuiteReader.Read(SuiteReader.Find(folder, parse.GetValue(suite)!), new ScenarioCatalog(folder));
                request = new SuiteRequest
                {
                    Suite = read,
                    Config = loaded,
                    ScenariosDirectory = folder,
                    OutDirectory = parse.GetValue(output) ?? Path.Combine("reports", "suites", read.Name),
                    Quick = parse.GetValue(quick),
                    BaselineDirectory = parse.GetValue(baseline),
                    MaxRegressionPercent = parse.GetValue(maxRegression),
                    InterruptedBy = () => Interruption.Name,
                };
            }
            catch (InvalidInputException ex)
            {
                return Invalid(console, ex);
            }

            if (request.BaselineDirectory is { } baselineDirectory)
            {
                // Bad input is refused before anything is written, the output folder included.
                try
                {
                    ReportFolderReader.Read(baselineDirectory);
                }
                catch (IncompatibleReportException ex)
                {
                    console.WriteError($"error: --baseline: {ex.Message}");
                    return ExitCodes.InvalidInput;
                }
            }

            if (OutputChecks.Refused(console, "--out", OutputChecks.ReportFolders(request.OutDirectory, [.. request.Suite.Scenarios])))
            {
                return ExitCodes.InvalidInput;
            }

            using var locks = OutputChecks.Lock(console, request.OutDirectory, [.. request.Suite.Scenarios, "summary"]);
            if (locks is null)
            {
                return ExitCodes.InvalidInput;
            }

            console.Output.MarkupLine($"[bold]suite {Markup.Escape(request.Suite.Name)}[/]: {request.Suite.Scenarios.Count} scenario(s){(request.Quick ? " (quick)" : string.Empty)}");
            SuiteOutcome outcome;
            try
            {
                outcome = await new SuiteRunner(executorFactory())
                    .RunAsync(request, new SuiteProgressPrinter(console), cancellationToken)
                    .ConfigureAwait(false);
            }
            catch (InvalidInputException ex)
            {
                return Invalid(console, ex);
            }
            catch (IncompatibleReportException ex)
            {
                console.WriteError($"error: --baseline: {ex.Message}");
                return ExitCodes.InvalidInput;
            }

            if (outcome.Comparison is not null)
            {
                CompareCommand.Print(console, outcome.Comparison);
            }

            console.Output.MarkupLine(outcome.Passed
                ? "[green bold]Gate passed[/]"
                : $"[red bold]Gate failed[/]: {outcome.Runs.Count(r => r.Report.Verdict == Reporting.Model.Verdict.Contained)} of {outcome.Suite.Scenarios.Count} contained{(outcome.Regressed ? ", regression against the baseline" : string.Empty)}");
            console.Output.WriteLine($"Summary: {Path.Combine(outcome.OutDirectory, "summary.html")}");
            foreach (var error in outcome.WriteErrors.Skip(1))
            {
                console.WriteError($"error: could not be written: {error}");
            }

            return outcome.WriteErrors.Count > 0 ? OutputChecks.WriteFailed(console, "part of the gate's output", outcome.WriteErrors[0]) : ExitCode(outcome);
        });
        return command;
    }

    /// <summary>3 when a scenario was aborted or not run; 1 when one was not contained or something regressed; 3 when one was inconclusive; else 0.</summary>
    internal static int ExitCode(SuiteOutcome outcome) =>
        outcome.Aborted ? ExitCodes.Aborted
        : outcome.Passed ? ExitCodes.Contained
        : outcome.Regressed || outcome.Runs.Any(r => r.Report.Verdict == Reporting.Model.Verdict.NotContained) ? ExitCodes.NotContained
        : ExitCodes.Inconclusive;

    private static int Invalid(CliConsole console, InvalidInputException ex)
    {
        foreach (var problem in ex.Problems)
        {
            console.WriteError($"error: {problem}");
        }

        return ExitCodes.InvalidInput;
    }
}
