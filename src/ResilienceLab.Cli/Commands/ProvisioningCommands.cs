using System.CommandLine;
using ResilienceLab.Harness.Configuration;
using ResilienceLab.Harness.Input;
using ResilienceLab.Harness.Targets;
using ResilienceLab.Infrastructure.Provisioning;
using Spectre.Console;
using ResilienceLab.Load;

namespace ResilienceLab.Cli.Commands;

/// <summary>
/// <c>provision</c> and <c>teardown</c>: create or remove the config's resources where each service is placed, idempotently,
/// printing each resource with its outcome. Exit 2 when provisioning found drifted or not-owned resources (nothing is
/// created then, unless <c>--adopt</c>), 3 when a resource failed.
/// </summary>
internal static class ProvisioningCommands
{
    private static readonly Dictionary<string, ResourceComponents> Components = new(StringComparer.Ordinal)
    {
        ["queues"] = ResourceComponents.Queues,
        ["topics"] = ResourceComponents.Topics,
        ["events"] = ResourceComponents.Events,
        ["breaker-table"] = ResourceComponents.BreakerTable,
    };

    public static Command Provision(CliConsole console) => Create(console, "provision", "Create the config's queues, DLQs, topics, event bus, rules and breaker table (idempotent).", teardown: false);

    public static Command Teardown(CliConsole console) => Create(console, "teardown", "Remove what provisioning created (only resources tagged as created by resilience-lab outside this process).", teardown: true);

    /// <summary>The <c>--adopt</c> option, shared with <c>run</c>.</summary>
    public static Option<bool> Adopt() => new("--adopt")
    {
        Description = "Use resources that differ from the config (drifted) or were not created by resilience-lab (not owned) as they are, instead of refusing them.",
    };

    private static Command Create(CliConsole console, string name, string description, bool teardown)
    {
        var config = CommonOptions.Config();
        var target = CommonOptions.Target();
        var only = new Option<string[]>("--only")
        {
            Description = "Only this component: queues, topics, events or breaker-table (may be given more than once).",
            AllowMultipleArgumentsPerToken = false,
        };
        only.AcceptOnlyFromAmong([.. Components.Keys]);
        var adopt = Adopt();
        var command = new Command(name, description) { config, target, only };
        if (!teardown)
        {
            command.Add(adopt);
        }

        command.SetAction(async (parse, cancellationToken) =>
        {
            var targetName = parse.GetValue(target)!;
            if (!BackendFactory.Targets.Contains(targetName))
            {
                console.WriteError($"error: --target must be local or aws, not {InputText.Quote(targetName)}");
                return ExitCodes.InvalidInput;
            }

            var selected = (parse.GetValue(only) ?? []).Aggregate(ResourceComponents.None, (all, c) => all | Components[c]);
            var components = selected == ResourceComponents.None ? ResourceComponents.All : selected;

            LooseCouplingConfig loaded;
            try
            {
                loaded = ConfigReader.Read(ProjectPaths.Resolve(parse.GetValue(config)!, parse.GetResult(config)?.Implicit ?? true));
                BackendFactory.CheckedPlacements(targetName, loaded);
            }
            catch (InvalidInputException ex)
            {
                foreach (var problem in ex.Problems)
                {
                    console.WriteError($"error: {problem}");
                }

                return ExitCodes.InvalidInput;
            }

            var plan = ResourcePlanBuilder.Build(loaded);
            IResourceBackend? backend = null;
            ProvisioningResult result;
            try
            {
                backend = BackendFactory.Create(targetName, loaded, TimeProvider.System);
                result = teardown
                    ? new ProvisioningResult(await backend.TeardownAsync(plan, components, cancellationToken).ConfigureAwait(false), Refused: false)
                    : await ProvisioningGate.ProvisionAsync(backend, plan, components, parse.GetValue(adopt), stopOnFailure: false, cancellationToken).ConfigureAwait(false);
                if (!teardown)
                {
                    // In-process resources die with this command; provisioning them checks the plan and shows what a run creates.
                    await backend.ReleaseRunResourcesAsync(plan, cancellationToken).ConfigureAwait(false);
                }
            }
            catch (Exception ex) when (ex is InvalidOperationException or TimeoutException or Stack.Ports.PortException or Amazon.Runtime.AmazonServiceException or Amazon.Runtime.AmazonClientException or HttpRequestException)
            {
                // SDK messages (the credential chain's, for one) span lines; the error is one.
                var message = ex.Message.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? ex.Message;
                console.WriteError($"error: {name} on {targetName} failed: {message}");
                return ExitCodes.Aborted;
            }
            finally
            {
                if (backend is not null)
                {
                    await backend.DisposeAsync().ConfigureAwait(false);
                }
            }

            Print(console, result.Report);
            var placements = BackendFactory.Placements(targetName, loaded);
            console.Output.WriteLine("placement: " + string.Join(", ", placements.ToDictionary().Select(p => $"{p.Key} {p.Value}")));
            if (!teardown && placements.ToDictionary().Values.Contains("local"))
            {
                console.Output.WriteLine("in-process (local) resources live for the length of a run; this checked the plan and shows what each run creates. The others stay until teardown.");
            }

            return ExitCode(console, name, result);
        });
        return command;
    }

    private static void Print(CliConsole console, ProvisioningReport report)
    {
        var table = new Table().AddColumn("kind").AddColumn("name").AddColumn("identifier").AddColumn("outcome");
        foreach (var r in report.Resources)
        {
            var text = Markup.Escape(ProvisioningOutcomes.Text(r.Outcome));
            var outcome = r.Outcome switch
            {
                ProvisioningOutcome.Created or ProvisioningOutcome.Deleted => $"[green]{text}[/]",
                ProvisioningOutcome.Drifted or ProvisioningOutcome.NotOwned => $"[yellow]{text}[/]",
                ProvisioningOutcome.Failed => $"[red]{text}[/]",
                _ => text,
            };
            var rest = r.Describe()[ProvisioningOutcomes.Text(r.Outcome).Length..];
            table.AddRow(Markup.Escape(r.Kind), Markup.Escape(r.Name), Markup.Escape(r.Identifier), outcome + Markup.Escape(rest));
        }

        console.Output.Write(table);
    }

    private static int ExitCode(CliConsole console, string command, ProvisioningResult result)
    {
        if (result.Refused)
        {
            foreach (var r in result.Report.NeedingAdoption)
            {
                console.WriteError($"error: {r.Kind} '{r.Name}' ({r.Identifier}) is {r.Describe()}");
            }

            console.WriteError("error: nothing was created; fix or remove these resources, or run with --adopt to use them as they are");
            return ExitCodes.InvalidInput;
        }

        var failures = result.Report.Failures;
        foreach (var r in failures)
        {
            console.WriteError($"error: {command}: {r.Kind} '{r.Name}' failed: {r.Detail}");
        }

        return failures.Count > 0 ? ExitCodes.Aborted : ExitCodes.Contained;
    }
}
