using System.CommandLine;
using System.Net;
using System.Net.Sockets;
using ResilienceLab.Harness.Input;
using ResilienceLab.Harness.Observations;
using ResilienceLab.Harness.Scenarios;
using ResilienceLab.Harness.SharedDependencies;
using ResilienceLab.Load;
using ResilienceLab.Reporting.Writers;
using Spectre.Console;

namespace ResilienceLab.Cli.Commands;

/// <summary>
/// <c>dependencies --scenario NAME</c>: hosts the config's dependency servers for every agent of a distributed run, runs
/// the scenario's HTTP faults on the run's shared start, and serves the servers' ports and records until Ctrl-C or
/// SIGTERM, which roll the faults back (and write <c>--records FILE</c> when given).
/// </summary>
internal static class DependenciesCommand
{
    public static Command Create(CliConsole console)
    {
        var scenario = new Option<string>("--scenario") { Description = "Scenario name (a file in --scenarios) or path to a scenario file: its HTTP faults run here.", Required = true };
        var config = CommonOptions.Config();
        var scenarios = CommonOptions.Scenarios();
        var quick = CommonOptions.Quick();
        var segments = new SegmentOptions();
        var port = new Option<int?>("--port") { Description = "Port of the API; the servers take the next ports, one per service in config order (default: free ports)." };
        var allowRemote = new Option<bool>("--allow-remote") { Description = "Listen on every address so agents on other machines can call (default: 127.0.0.1 only)." };
        var seed = new Option<int?>("--seed") { Description = "Seed for the faults' random choices (defaults to the scenario's)." };
        var records = new Option<string?>("--records") { Description = $"Also write the records to this file when stopped (a {DependencyHostRecords.FileName} for merge --dependencies)." };
        var command = new Command("dependencies", "Host the dependency servers every agent of a distributed run calls, with the scenario's HTTP faults, until Ctrl-C or SIGTERM.")
        {
            scenario, config, scenarios, quick, segments.StartAt, port, allowRemote, seed, records,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            DependencyHostRequest request;
            try
            {
                var (loaded, read) = CommonOptions.ReadScenario(parse, config, scenarios, scenario);
                var (_, startAt, _) = segments.Read(parse, TimeProvider.System);
                request = new DependencyHostRequest
                {
                    Config = loaded,
                    Scenario = parse.GetValue(quick) ? ScenarioReader.Quick(read) : read,
                    StartAt = startAt,
                    Port = parse.GetValue(port),
                    AllowRemote = parse.GetValue(allowRemote),
                    Seed = parse.GetValue(seed),
                };
            }
            catch (InvalidInputException ex)
            {
                return Problems.Print(console, ex);
            }

            if (request.Port is { } p && (p < 0 || p + request.Config.Services.Count > 65_535))
            {
                console.WriteError($"error: --port must be between 0 and {65_535 - request.Config.Services.Count} (the servers take the next {request.Config.Services.Count}), not {p}");
                return ExitCodes.InvalidInput;
            }

            if (parse.GetValue(records) is { } file && OutputChecks.Refused(console, "--records", WritableLocation.FileProblem(file)))
            {
                return ExitCodes.InvalidInput;
            }

            DependencyHost host;
            try
            {
                host = DependencyHost.Start(request, TimeProvider.System);
            }
            catch (Exception ex) when (ex is HttpListenerException or IOException or SocketException)
            {
                console.WriteError($"error: --port: could not listen: {InputText.Excerpt(ex.Message)}");
                return ExitCodes.InvalidInput;
            }

            await using (host.ConfigureAwait(false))
            {
                console.Output.WriteLine($"dependency host for {request.Scenario.Name}: {host.Url} (GET /dependencies, GET /records){(request.AllowRemote ? ", on every address" : string.Empty)}");
                console.Output.WriteLine($"the run starts at {host.StartAt:O}; agents: run --scenario {request.Scenario.Name} --dependencies {host.Url} ...");
                foreach (var (service, servicePort) in host.Ports)
                {
                    console.Output.WriteLine($"  {service}: port {servicePort}");
                }

                try
                {
                    await Task.Delay(Timeout.InfiniteTimeSpan, TimeProvider.System, cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    // Ctrl-C or SIGTERM: the host's normal end.
                }

                host.RollbackFaults();
                console.Output.WriteLine($"stopped on {Interruption.Name}: faults rolled back");
                if (parse.GetValue(records) is { } path)
                {
                    try
                    {
                        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
                        var temporary = $"{Path.GetFullPath(path)}.{Environment.ProcessId}.tmp";
                        await File.WriteAllTextAsync(temporary, DependencyHostJson.Serialize(host.Records()), CancellationToken.None).ConfigureAwait(false);
                        File.Move(temporary, path, overwrite: true);
                        console.Output.WriteLine($"records written to {path}");
                    }
                    catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                    {
                        return OutputChecks.WriteFailed(console, path, ex.Message);
                    }
                }
            }

            return ExitCodes.Contained;
        });
        return command;
    }
}
