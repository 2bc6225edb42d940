using System.CommandLine;
using ResilienceLab.Harness.Configuration;
using ResilienceLab.Harness.Input;
using ResilienceLab.Harness.Scenarios;
using Spectre.Console;

namespace ResilienceLab.Cli.Commands;

/// <summary><c>list</c>: the scenarios available, with the failure each stages.</summary>
internal static class ListCommand
{
    public static Command Create(CliConsole console)
    {
        var scenarios = CommonOptions.Scenarios();
        var config = CommonOptions.Config();
        var command = new Command("list", "List the scenarios and the failure each one stages.") { scenarios, config };
        command.SetAction(parse =>
        {
            var folder = ProjectPaths.Resolve(parse.GetValue(scenarios)!, parse.GetResult(scenarios)?.Implicit ?? true);
            var configPath = ProjectPaths.Resolve(parse.GetValue(config)!, parse.GetResult(config)?.Implicit ?? true);
            var catalog = new ScenarioCatalog(folder);
            var names = catalog.Names();
            if (names.Count == 0)
            {
                console.WriteError($"error: no scenario files in {folder}");
                return ExitCodes.InvalidInput;
            }

            LooseCouplingConfig? loaded = null;
            try
            {
                loaded = ConfigReader.Read(configPath);
            }
            catch (InvalidInputException)
            {
                // Listing still works without a valid config; descriptions just come from the raw files.
            }

            var table = new Table().AddColumn("scenario").AddColumn("failure it stages");
            foreach (var name in names)
            {
                var description = string.Empty;
                if (loaded is not null)
                {
                    try
                    {
                        description = ScenarioReader.Read(catalog.Find(name), loaded).Description;
                    }
                    catch (InvalidInputException ex)
                    {
                        description = $"[red]invalid:[/] {Markup.Escape(ex.Problems[0].ToString())}";
                        table.AddRow(Markup.Escape(name), description);
                        continue;
                    }
                }

                table.AddRow(Markup.Escape(name), Markup.Escape(description));
            }

            if (ProjectPaths.IsShipped(folder))
            {
                console.Output.MarkupLine($"[grey]The scenario library shipped with resilience-lab ({Markup.Escape(folder)}); a scenarios/ folder here, or --scenarios DIR, takes its place.[/]");
            }

            console.Output.Write(table);
            return ExitCodes.Contained;
        });
        return command;
    }
}
