using System.CommandLine;
using System.Globalization;
using ResilienceLab.Harness.Configuration;
using ResilienceLab.Harness.Input;
using ResilienceLab.Harness.Runs;
using ResilienceLab.Harness.Scenarios;
using ResilienceLab.Harness.Telemetry;
using ResilienceLab.Harness.Targets;
using ResilienceLab.Reporting.Model;
using Spectre.Console;
using ResilienceLab.Load;

namespace ResilienceLab.Cli.Commands;

/// <summary><c>run --scenario NAME</c>: one scenario end to end, a verdict, a report folder, and the exit code CI gates on.</summary>
internal static class RunCommand
{
    public static Command Create(CliConsole console)
    {
        var scenario = new Option<string>("--scenario") { Description = "Scenario name (a file in --scenarios) or path to a scenario file.", Required = true };
        var config = CommonOptions.Config();
        var scenarios = CommonOptions.Scenarios();
        var output = CommonOptions.Out();
        var target = CommonOptions.Target();
        var quick = CommonOptions.Quick();
        var seed = new Option<int?>("--seed") { Description = "Seed for every random choice of the run (defaults to the scenario's)." };
        var label = new Option<string?>("--label") { Description = "A label recorded in the report, e.g. a release name." };
        var segments = new SegmentOptions();
        var adopt = ProvisioningCommands.Adopt();
        var otlpEndpoint = TelemetryExport.OtlpEndpointOption();
        var host = new DependencyHostOptions();
        var command = new Command("run", "Run a scenario: provision, load, inject faults, judge the hypothesis, write the report.")
        {
            scenario, config, scenarios, output, target, quick, seed, label, otlpEndpoint, adopt,
        };
        foreach (var option in segments.All.Concat(host.All))
        {
            command.Options.Add(option);
        }

        command.SetAction(async (parse, cancellationToken) =>
        {
            var targetName = parse.GetValue(target)!;
            if (targetName is not ("local" or "aws"))
            {
                console.WriteError($"error: --target must be local or aws, not {InputText.Quote(targetName)}");
                return ExitCodes.InvalidInput;
            }

            RunRequest request;
            OtlpSettings? otlp;
            try
            {
                var configPath = ProjectPaths.Resolve(parse.GetValue(config)!, parse.GetResult(config)?.Implicit ?? true);
                var folder = ProjectPaths.Resolve(parse.GetValue(scenarios)!, parse.GetResult(scenarios)?.Implicit ?? true);
                var loaded = ConfigReader.Read(configPath);
                BackendFactory.CheckedPlacements(targetName, loaded);
                var file = new ScenarioCatalog(folder).Find(parse.GetValue(scenario)!);
                var (segment, startAt, runId) = segments.Read(parse, TimeProvider.System);
                request = new RunRequest
                {
                    Scenario = ScenarioReader.Read(file, loaded),
                    Config = loaded,
                    OutDirectory = parse.GetValue(output)!,
                    Quick = parse.GetValue(quick),
                    Seed = parse.GetValue(seed),
                    Label = parse.GetValue(label),
                    Target = targetName,
                    InterruptedBy = () => Interruption.Name,
                    Segment = segment,
                    StartAt = startAt,
                    RunId = runId,
                    Adopt = parse.GetValue(adopt),
                };
                otlp = TelemetryExport.Resolve(parse, otlpEndpoint, parse.GetValue(host.AllowRemote));
                request = await host.ApplyAsync(parse, request, cancellationToken).ConfigureAwait(false);
            }
            catch (InvalidInputException ex)
            {
                foreach (var problem in ex.Problems)
                {
                    console.WriteError($"error: {problem}");
                }

                return ExitCodes.InvalidInput;
            }

            if (OutputChecks.Refused(console, "--out", OutputChecks.ReportFolders(request.OutDirectory, request.Scenario.Name)))
            {
                return ExitCodes.InvalidInput;
            }

            using var locks = OutputChecks.Lock(console, request.OutDirectory, request.Scenario.Name);
            if (locks is null)
            {
                return ExitCodes.InvalidInput;
            }

            var s = request.Quick ? ScenarioReader.Quick(request.Scenario) : request.Scenario;
            console.Output.MarkupLine($"[bold]{Markup.Escape(s.Name)}[/]{(request.Quick ? " (quick)" : string.Empty)}: {Markup.Escape(s.Description)}");
            var export = TelemetryExport.Start(console, otlp, "run", s.Name, request.Target);
            RunOutcome outcome;
            try
            {
                outcome = await new ScenarioRunner(TimeProvider.System)
                    .RunAsync(request, new RunProgressPrinter(console), cancellationToken)
                    .ConfigureAwait(false);
            }
            catch (InvalidInputException ex)
            {
                // Provisioning refused a drifted or not-owned resource before anything was created or run.
                foreach (var problem in ex.Problems)
                {
                    console.WriteError($"error: {problem}");
                }

                return ExitCodes.InvalidInput;
            }
            finally
            {
                TelemetryExport.Finish(console, export);
            }

            RunSummaryPrinter.Print(console, outcome);
            if (outcome.WriteError is { } writeError)
            {
                return OutputChecks.WriteFailed(console, $"the report folder {outcome.ReportDirectory}", writeError);
            }

            if (outcome.Report.AbortReason is { } reason)
            {
                console.WriteError($"error: run aborted: {reason}; partial report in {outcome.ReportDirectory}");
            }

            if (!request.Segment.IsWhole)
            {
                return SegmentOptions.AgentExit(console, request.Segment, outcome.ReportDirectory, outcome.Report.Verdict);
            }

            return ExitCodes.For(outcome.Report.Verdict);
        });
        return command;
    }
}
