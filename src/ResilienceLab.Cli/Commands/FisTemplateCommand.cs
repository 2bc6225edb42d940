using System.CommandLine;
using ResilienceLab.Harness.Configuration;
using ResilienceLab.Harness.Input;
using ResilienceLab.Harness.Scenarios;
using ResilienceLab.Harness.Targets;
using ResilienceLab.Infrastructure.Aws;

namespace ResilienceLab.Cli.Commands;

/// <summary>
/// <c>fis-template --scenario NAME</c>: writes the AWS FIS experiment template for the scenario's faults FIS can do
/// (for <c>aws fis create-experiment-template --cli-input-json</c>) and lists those it approximates or cannot do.
/// </summary>
internal static class FisTemplateCommand
{
    // FIS caps an experiment template's description at 512 characters.
    private const int MaxDescriptionLength = 512;

    public static Command Create(CliConsole console)
    {
        var scenario = new Option<string>("--scenario") { Description = "Scenario name (a file in --scenarios) or path to a scenario file.", Required = true };
        var config = CommonOptions.Config();
        var scenarios = CommonOptions.Scenarios();
        var output = new Option<string?>("--out") { Description = "File the template is written to (default: fis-template-SCENARIO.json)." };
        var command = new Command("fis-template", "Write an AWS FIS experiment template for the scenario's faults FIS can do; list those it cannot.")
        {
            scenario, config, scenarios, output,
        };
        command.SetAction(parse =>
        {
            Scenario loaded;
            LooseCouplingConfig loadedConfig;
            try
            {
                loadedConfig = ConfigReader.Read(ProjectPaths.Resolve(parse.GetValue(config)!, parse.GetResult(config)?.Implicit ?? true));
                var folder = ProjectPaths.Resolve(parse.GetValue(scenarios)!, parse.GetResult(scenarios)?.Implicit ?? true);
                loaded = ScenarioReader.Read(new ScenarioCatalog(folder).Find(parse.GetValue(scenario)!), loadedConfig);
            }
            catch (InvalidInputException ex)
            {
                foreach (var problem in ex.Problems)
                {
                    console.WriteError($"error: {problem}");
                }

                return ExitCodes.InvalidInput;
            }

            var path = Path.GetFullPath(parse.GetValue(output) ?? $"fis-template-{loaded.Name}.json");
            if (Directory.Exists(path))
            {
                console.WriteError($"error: --out: '{path}' is a folder; name the template file");
                return ExitCodes.InvalidInput;
            }

            var description = $"ResilienceLab {loaded.Name}: {loaded.Description}";
            var writer = new FisTemplateWriter(
                description.Length > MaxDescriptionLength ? description[..(MaxDescriptionLength - 3)] + "..." : description,
                new Dictionary<string, string>(StringComparer.Ordinal) { ["Project"] = loadedConfig.ProjectName, ["Scenario"] = loaded.Name });
            var template = writer.Write(FisFaults.From(loaded, loadedConfig));

            if (template.Json is null)
            {
                console.Output.Profile.Out.Writer.WriteLine($"{loaded.Name}: no fault maps to an FIS action; no template written.");
            }
            else
            {
                try
                {
                    WriteAtomically(path, template.Json);
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    console.WriteError($"error: --out: cannot write '{path}': {ex.Message}");
                    return ExitCodes.InvalidInput;
                }

                console.Output.Profile.Out.Writer.WriteLine($"{loaded.Name}: wrote {path} ({template.ActionCount} FIS action(s)); create it with: aws fis create-experiment-template --cli-input-json file://{path}");
            }

            foreach (var approximation in template.Approximations)
            {
                console.Output.Profile.Out.Writer.WriteLine($"approximation: {approximation.Note}");
            }

            foreach (var fault in template.Unsupported)
            {
                console.Output.Profile.Out.Writer.WriteLine($"not supported by FIS: {fault.Reason}");
            }

            return ExitCodes.Contained;
        });
        return command;
    }

    /// <summary>Writes beside the target and renames into place, so a reader never sees half a template.</summary>
    private static void WriteAtomically(string path, string json)
    {
        var directory = Path.GetDirectoryName(path)!;
        Directory.CreateDirectory(directory);
        var temporary = Path.Combine(directory, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        try
        {
            File.WriteAllText(temporary, json);
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }
}
