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
        var shard = new Option<string?>("--shard") { Description = "Run only this shard of the suite, I/N: every N-th scenario from the I-th (one CI job each; join them with gate merge)." };
        var command = new Command("gate", "Run a suite of scenarios as a CI gate: summary, combined junit.xml, optional comparison with a baseline.")
        {
            suite, quick, baseline, output, config, scenarios, maxRegression, shard,
        };
        command.Subcommands.Add(CreateMerge(console));
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (parse.GetValue(maxRegression) is < 0)
            {
                console.WriteError("error: --max-regression must be a percentage of 0 or more");
                return ExitCodes.InvalidInput;
            }

            var part = Load.ExecutionSegment.Whole;
            if (parse.GetValue(shard) is { } shardText)
            {
                if (Load.ExecutionSegment.Parse(shardText, out var why) is not { } parsed)
                {
                    console.WriteError($"error: --shard {Load.InputText.Quote(shardText)}: {why}");
                    return ExitCodes.InvalidInput;
                }

                part = parsed;
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
                    Shard = part,
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

            var share = request.Suite.Scenarios.Where((_, i) => part.Owns(i)).Count();
            console.Output.MarkupLine($"[bold]suite {Markup.Escape(request.Suite.Name)}[/]: {(part.IsWhole ? $"{share}" : $"shard {part}: {share} of {request.Suite.Scenarios.Count}")} scenario(s){(request.Quick ? " (quick)" : string.Empty)}");
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

            PrintVerdict(console, outcome);
            foreach (var error in outcome.WriteErrors.Skip(1))
            {
                console.WriteError($"error: could not be written: {error}");
            }

            return outcome.WriteErrors.Count > 0 ? OutputChecks.WriteFailed(console, "part of the gate's output", outcome.WriteErrors[0]) : ExitCode(outcome);
        });
        return command;
    }

    /// <summary><c>gate merge DIR... --out DIR</c>: the shards of a sharded gate joined into one summary and junit.xml, with the gate's exit code.</summary>
    private static Command CreateMerge(CliConsole console)
    {
        var folders = new Argument<string[]>("DIR") { Description = "Each shard's gate output folder (holding gate-shard.json).", Arity = ArgumentArity.OneOrMore };
        var output = new Option<string>("--out") { Description = "Folder for the joined scenario reports, summary.md, summary.html and junit.xml.", Required = true };
        var command = new Command("merge", "Join the output folders of every shard of a sharded gate (gate --shard I/N): one summary, one junit.xml, the gate's exit code.")
        {
            folders, output,
        };
        command.SetAction((parse, cancellationToken) =>
        {
            IReadOnlyList<(string Folder, SuiteShard Shard)> shards;
            try
            {
                shards = SuiteShardMerger.Read(parse.GetValue(folders)!);
            }
            catch (InvalidInputException ex)
            {
                return Task.FromResult(Invalid(console, ex));
            }

            var outDirectory = parse.GetValue(output)!;
            string[] scenarios = [.. shards[0].Shard.Scenarios];
            if (OutputChecks.Refused(console, "--out", OutputChecks.ReportFolders(outDirectory, scenarios)))
            {
                return Task.FromResult(ExitCodes.InvalidInput);
            }

            using var locks = OutputChecks.Lock(console, outDirectory, [.. scenarios, "summary"]);
            if (locks is null)
            {
                return Task.FromResult(ExitCodes.InvalidInput);
            }

            SuiteOutcome outcome;
            try
            {
                outcome = SuiteShardMerger.Merge(shards, outDirectory);
            }
            catch (IncompatibleReportException ex)
            {
                console.WriteError($"error: {ex.Message}");
                return Task.FromResult(ExitCodes.InvalidInput);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                return Task.FromResult(OutputChecks.WriteFailed(console, outDirectory, ex.Message));
            }

            console.Output.MarkupLine($"[bold]suite {Markup.Escape(outcome.Suite.Name)}[/]: {shards.Count} shard(s) joined");
            PrintVerdict(console, outcome);
            return Task.FromResult(ExitCode(outcome));
        });
        return command;
    }

    private static void PrintVerdict(CliConsole console, SuiteOutcome outcome)
    {
        console.Output.MarkupLine(outcome.Passed
            ? "[green bold]Gate passed[/]"
            : $"[red bold]Gate failed[/]: {outcome.Runs.Count(r => r.Report.Verdict == Reporting.Model.Verdict.Contained)} of {outcome.Suite.Scenarios.Count} contained{(outcome.Regressed ? ", regression against the baseline" : string.Empty)}");
        console.Output.WriteLine($"Summary: {Path.Combine(outcome.OutDirectory, "summary.html")}");
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
