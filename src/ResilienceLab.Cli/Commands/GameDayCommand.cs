using System.CommandLine;
using ResilienceLab.Harness.Configuration;
using ResilienceLab.Harness.GameDays;
using ResilienceLab.Harness.Input;
using ResilienceLab.Harness.Scenarios;
using ResilienceLab.Harness.Telemetry;
using ResilienceLab.Load;
using ResilienceLab.Reporting.Model;
using Spectre.Console;

namespace ResilienceLab.Cli.Commands;

/// <summary>
/// <c>gameday --scenario NAME</c>: holds the scenario's load for the duration while an operator starts and stops catalogue
/// faults through the control endpoint (or keys), stop conditions guard the run, and a journal records it all.
/// </summary>
internal static class GameDayCommand
{
    public static Command Create(CliConsole console)
    {
        var scenario = new Option<string>("--scenario") { Description = "Scenario name (a file in --scenarios) or path to a scenario file.", Required = true };
        var config = CommonOptions.Config();
        var scenarios = CommonOptions.Scenarios();
        var output = new Option<string>("--out") { Description = "Folder the report and journal are written to (as OUT/SCENARIO/).", DefaultValueFactory = _ => Path.Combine("reports", "gamedays") };
        var target = CommonOptions.Target();
        var duration = new Option<string?>("--duration") { Description = "How long the load runs unless ended earlier, e.g. 30m (default: the scenario's load length)." };
        var noSchedule = new Option<bool>("--no-schedule") { Description = "Skip the scenario's scheduled faults; only the operator starts faults." };
        var controlPort = new Option<int?>("--control-port") { Description = "Port of the control endpoint on 127.0.0.1 (default: a free port)." };
        var metricsPort = new Option<int?>("--metrics-port") { Description = "Serve Prometheus metrics on http://127.0.0.1:PORT/metrics (default: off)." };
        var allowRemote = new Option<bool>("--allow-remote") { Description = "Allow service endpoints in the config, and an --otlp-endpoint, that are not on this machine." };
        var otlpEndpoint = TelemetryExport.OtlpEndpointOption();
        var seed = new Option<int?>("--seed") { Description = "Seed for every random choice of the run (defaults to the scenario's)." };
        var label = new Option<string?>("--label") { Description = "A label recorded in the report, e.g. the game day's name." };
        var adopt = ProvisioningCommands.Adopt();
        var segments = new SegmentOptions();
        var command = new Command("gameday", "Run a game day: steady load, operator-controlled faults, stop conditions and a journal.")
        {
            scenario, config, scenarios, output, target, duration, noSchedule, controlPort, metricsPort, allowRemote, seed, label, otlpEndpoint, adopt,
        };
        foreach (var option in segments.All)
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

            if (targetName == "aws")
            {
                console.WriteError("error: the aws target is not available for gameday yet; use --target local");
                return ExitCodes.InvalidInput;
            }

            TimeSpan? length = null;
            if (parse.GetValue(duration) is { } text)
            {
                if (!DurationParser.TryParse(text, out var parsed, out var why) || parsed <= TimeSpan.Zero)
                {
                    console.WriteError($"error: --duration: {InputText.Quote(text)} is not a positive duration such as 90s or 30m{(string.IsNullOrEmpty(why) ? string.Empty : $" ({why})")}");
                    return ExitCodes.InvalidInput;
                }

                length = parsed;
            }

            foreach (var (name, port) in new[] { ("--control-port", parse.GetValue(controlPort)), ("--metrics-port", parse.GetValue(metricsPort)) })
            {
                if (port is < 0 or > 65_535)
                {
                    console.WriteError($"error: {name} must be between 0 and 65535, not {port}");
                    return ExitCodes.InvalidInput;
                }
            }

            GameDayRequest request;
            OtlpSettings? otlp;
            try
            {
                var configPath = ProjectPaths.Resolve(parse.GetValue(config)!, parse.GetResult(config)?.Implicit ?? true);
                var folder = ProjectPaths.Resolve(parse.GetValue(scenarios)!, parse.GetResult(scenarios)?.Implicit ?? true);
                var loaded = ConfigReader.Read(configPath);
                Harness.Targets.BackendFactory.CheckedPlacements(targetName, loaded);
                var file = new ScenarioCatalog(folder).Find(parse.GetValue(scenario)!);
                var (segment, startAt, runId) = segments.Read(parse, TimeProvider.System);
                request = new GameDayRequest
                {
                    Scenario = ScenarioReader.Read(file, loaded),
                    Config = loaded,
                    OutDirectory = parse.GetValue(output)!,
                    Target = targetName,
                    Adopt = parse.GetValue(adopt),
                    Duration = length,
                    UseSchedule = !parse.GetValue(noSchedule),
                    ControlPort = parse.GetValue(controlPort),
                    MetricsPort = parse.GetValue(metricsPort),
                    AllowRemote = parse.GetValue(allowRemote),
                    Seed = parse.GetValue(seed),
                    Label = parse.GetValue(label),
                    InterruptedBy = () => Interruption.Name,
                    Segment = segment,
                    StartAt = startAt,
                    RunId = runId,
                };
                GameDayValidator.Validate(request);
                otlp = TelemetryExport.Resolve(parse, otlpEndpoint, request.AllowRemote);
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

            console.Output.MarkupLine($"[bold]game day: {Markup.Escape(request.Scenario.Name)}[/]: {Markup.Escape(request.Scenario.Description)}");
            using var keys = new CancellationTokenSource();
            Task? keyLoop = null;
            var session = new GameDaySession(request, TimeProvider.System);
            var export = TelemetryExport.Start(console, otlp, "gameday", request.Scenario.Name, request.Target);
            GameDayOutcome outcome;
            try
            {
                outcome = await session.RunAsync(
                    new RunProgressPrinter(console),
                    started =>
                    {
                        GameDayStartPrinter.Print(console, request, started);
                        if (console.IsInteractive && !Console.IsInputRedirected)
                        {
                            keyLoop = new GameDayKeys(console, started.Control, TimeProvider.System).RunAsync(keys.Token);
                        }
                    },
                    cancellationToken).ConfigureAwait(false);
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

            await keys.CancelAsync().ConfigureAwait(false);
            if (keyLoop is not null)
            {
                // A prompt may still be waiting for a line; the game day does not wait for it.
                await Task.WhenAny(keyLoop, Task.Delay(TimeSpan.FromMilliseconds(300), TimeProvider.System, CancellationToken.None)).ConfigureAwait(false);
            }

            RunSummaryPrinter.Print(console, new Harness.Runs.RunOutcome(outcome.Report, outcome.ReportDirectory));
            console.Output.WriteLine($"journal: {Path.Combine(outcome.ReportDirectory, "journal.jsonl")}");
            if (outcome.Trip is { } trip)
            {
                console.Output.WriteLine($"stopped: {trip.Reason}");
            }

            if (outcome.JournalWriteError is { } journalError)
            {
                console.WriteError($"error: the live journal could not be appended to: {journalError}; the report's journal.jsonl is complete");
            }

            if (outcome.WriteError is { } writeError)
            {
                return OutputChecks.WriteFailed(console, $"the report folder {outcome.ReportDirectory}", writeError);
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
