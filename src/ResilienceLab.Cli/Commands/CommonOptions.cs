using System.CommandLine;
using ResilienceLab.Harness.Configuration;
using ResilienceLab.Harness.Scenarios;

namespace ResilienceLab.Cli.Commands;

/// <summary>Options several commands share, with the same names and defaults everywhere.</summary>
internal static class CommonOptions
{
    public static Option<string> Config() => new("--config")
    {
        Description = "The stack's configuration file.",
        DefaultValueFactory = _ => "loose-coupling-config.json",
    };

    public static Option<string> Scenarios() => new("--scenarios")
    {
        Description = "Folder holding the scenario files.",
        DefaultValueFactory = _ => "scenarios",
    };

    public static Option<string> Out() => new("--out")
    {
        Description = "Folder the report is written to (as OUT/SCENARIO/).",
        DefaultValueFactory = _ => "reports",
    };

    public static Option<bool> Quick() => new("--quick")
    {
        Description = "Scale every duration down so the scenario finishes in about 15 seconds.",
    };

    public static Option<string> Target() => new("--target")
    {
        Description = "Where queues, bus and breaker table live: local (in-process) or aws.",
        DefaultValueFactory = _ => "local",
    };

    public static Option<double> MaxRegression() => new("--max-regression")
    {
        Description = "Tolerance in percent of the baseline; a metric worse by more than this (and by more than its noise floor) is a regression.",
        DefaultValueFactory = _ => 10,
    };

    /// <summary>The config and the scenario the options name (defaults resolved as <see cref="ProjectPaths"/> does).</summary>
    /// <exception cref="Harness.Input.InvalidInputException">Either is missing or invalid.</exception>
    public static (LooseCouplingConfig Config, Scenario Scenario) ReadScenario(ParseResult parse, Option<string> config, Option<string> scenarios, Option<string> scenario)
    {
        var configPath = ProjectPaths.Resolve(parse.GetValue(config)!, parse.GetResult(config)?.Implicit ?? true);
        var folder = ProjectPaths.Resolve(parse.GetValue(scenarios)!, parse.GetResult(scenarios)?.Implicit ?? true);
        var loaded = ConfigReader.Read(configPath);
        return (loaded, ScenarioReader.Read(new ScenarioCatalog(folder).Find(parse.GetValue(scenario)!), loaded));
    }
}
