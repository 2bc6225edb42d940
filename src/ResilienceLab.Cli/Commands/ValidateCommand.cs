using System.CommandLine;
using ResilienceLab.Harness.Configuration;
using ResilienceLab.Harness.Input;
using ResilienceLab.Harness.Scenarios;

namespace ResilienceLab.Cli.Commands;

/// <summary>
/// <c>validate [FILES]</c>: checks the config and scenario files without running anything: each scenario against the
/// scenario schema, then against the config; every problem with its field path, exit 2 if any.
/// </summary>
internal static class ValidateCommand
{
    public static Command Create(CliConsole console)
    {
        var files = new Argument<string[]>("FILES") { Description = "Scenario files to check (default: every file in --scenarios).", Arity = ArgumentArity.ZeroOrMore };
        var config = CommonOptions.Config();
        var scenarios = CommonOptions.Scenarios();
        var command = new Command("validate", "Check the config and scenario files; report every problem with its field path.") { files, config, scenarios };
        command.SetAction((parse, cancellationToken) =>
        {
            var problems = new List<InputProblem>();
            var configPath = ProjectPaths.Resolve(parse.GetValue(config)!, parse.GetResult(config)?.Implicit ?? true);
            LooseCouplingConfig? loaded = null;
            try
            {
                loaded = ConfigReader.Read(configPath);
            }
            catch (InvalidInputException ex)
            {
                problems.AddRange(ex.Problems);
            }

            var targets = parse.GetValue(files) is { Length: > 0 } given
                ? given
                : [.. new ScenarioCatalog(ProjectPaths.Resolve(parse.GetValue(scenarios)!, parse.GetResult(scenarios)?.Implicit ?? true)).Names()
                    .Select(n => Path.Combine(ProjectPaths.Resolve(parse.GetValue(scenarios)!, parse.GetResult(scenarios)?.Implicit ?? true), n + ".json"))];
            // The schema needs no config, so a broken config still leaves every scenario's shape checked.
            foreach (var file in targets)
            {
                if (cancellationToken.IsCancellationRequested)
                {
                    console.WriteError($"error: validate interrupted ({Interruption.Name})");
                    return Task.FromResult(ExitCodes.Aborted);
                }

                problems.AddRange(ScenarioValidator.Validate(file, loaded));
            }

            foreach (var problem in problems)
            {
                console.WriteError($"error: {problem}");
            }

            if (problems.Count > 0)
            {
                console.WriteError($"{problems.Count} problem(s) found.");
                return Task.FromResult(ExitCodes.InvalidInput);
            }

            console.Output.Profile.Out.Writer.WriteLine($"{configPath} and {targets.Length} scenario file(s) are valid.");
            return Task.FromResult(ExitCodes.Contained);
        });
        return command;
    }
}
