using System.CommandLine;

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
}
