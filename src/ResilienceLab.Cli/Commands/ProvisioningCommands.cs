using System.CommandLine;
using ResilienceLab.Harness.Configuration;
using ResilienceLab.Harness.Input;
using ResilienceLab.Harness.Targets;
using ResilienceLab.Infrastructure.Provisioning;
using Spectre.Console;
using ResilienceLab.Load;

namespace ResilienceLab.Cli.Commands;

/// <summary><c>provision</c> and <c>teardown</c>: create or remove the config's resources on a target, idempotently, printing each resource.</summary>
internal static class ProvisioningCommands
{
    public static Command Provision(CliConsole console) => Create(console, "provision", "Create the config's queues, DLQs, topics, event bus, rules and breaker table (idempotent).", teardown: false);

    public static Command Teardown(CliConsole console) => Create(console, "teardown", "Remove what provisioning created (only resources tagged as created by resilience-lab on aws).", teardown: true);

    private static Command Create(CliConsole console, string name, string description, bool teardown)
    {
        var config = CommonOptions.Config();
        var target = CommonOptions.Target();
        var command = new Command(name, description) { config, target };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var targetName = parse.GetValue(target)!;
            if (!BackendFactory.Targets.Contains(targetName))
            {
                console.WriteError($"error: --target must be local or aws, not {InputText.Quote(targetName)}");
                return ExitCodes.InvalidInput;
            }

            LooseCouplingConfig loaded;
            try
            {
                loaded = ConfigReader.Read(ProjectPaths.Resolve(parse.GetValue(config)!, parse.GetResult(config)?.Implicit ?? true));
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
            ProvisioningReport report;
            try
            {
                backend = BackendFactory.Create(targetName, loaded, TimeProvider.System);
                report = teardown
                    ? await backend.TeardownAsync(plan, cancellationToken).ConfigureAwait(false)
                    : await backend.ProvisionAsync(plan, cancellationToken).ConfigureAwait(false);
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

            var table = new Table().AddColumn("kind").AddColumn("name").AddColumn("identifier").AddColumn("outcome");
            foreach (var r in report.Resources)
            {
                var outcome = r.Outcome switch
                {
                    ProvisioningOutcome.Created or ProvisioningOutcome.Deleted => $"[green]{r.Outcome}[/]",
                    ProvisioningOutcome.Unsupported => $"[yellow]{r.Outcome}[/]",
                    _ => r.Outcome.ToString(),
                };
                table.AddRow(Markup.Escape(r.Kind), Markup.Escape(r.Name), Markup.Escape(r.Identifier), outcome + (r.Detail is null ? string.Empty : " " + Markup.Escape(r.Detail)));
            }

            console.Output.Write(table);
            if (targetName == "local")
            {
                console.Output.WriteLine(loaded.Endpoints?.DynamoDb is { } dynamoDb
                    ? $"local target: queues, topics and the bus live in-process for the length of a run; the breaker table is on DynamoDB at {dynamoDb} and stays until teardown."
                    : "local target: resources live in-process for the length of a run; this checked the plan and shows what each run creates.");
            }

            return ExitCodes.Contained;
        });
        return command;
    }
}
