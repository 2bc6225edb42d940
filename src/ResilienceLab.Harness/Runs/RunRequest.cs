using ResilienceLab.Harness.Configuration;
using ResilienceLab.Harness.Scenarios;

namespace ResilienceLab.Harness.Runs;

/// <summary>What to run: a validated scenario and config, where to write the report, and the run's knobs.</summary>
public sealed record RunRequest
{
    public required Scenario Scenario { get; init; }

    public required LooseCouplingConfig Config { get; init; }

    public required string OutDirectory { get; init; }

    public bool Quick { get; init; }

    /// <summary>Overrides the scenario's seed.</summary>
    public int? Seed { get; init; }

    public string? Label { get; init; }

    public string Target { get; init; } = "local";

    /// <summary>Use drifted and not-owned resources as they are, instead of refusing them (<c>--adopt</c>).</summary>
    public bool Adopt { get; init; }

    /// <summary>The id stamped on every message of the run; null makes a new one (agents of one distributed run share it).</summary>
    public string? RunId { get; init; }
}
