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

    /// <summary>The user's own step, run in place of the scenario's workflow (a scenario built in code); null runs the workflow.</summary>
    public CustomStep? Step { get; init; }

    /// <summary>Breakers of the user's own code that report their state changes to the run. <value>Default none.</value></summary>
    public IReadOnlyList<ExternalBreaker> ExternalBreakers { get; init; } = [];

    /// <summary>This agent's share of a run split across agents. <value>Default: the whole run.</value></summary>
    public Load.ExecutionSegment Segment { get; init; } = Load.ExecutionSegment.Whole;

    /// <summary>The wall-clock instant the measured run starts (agents of one run share it); null starts after warm-up.</summary>
    public DateTimeOffset? StartAt { get; init; }

    /// <summary>Use drifted and not-owned resources as they are, instead of refusing them (<c>--adopt</c>).</summary>
    public bool Adopt { get; init; }

    /// <summary>The id stamped on every message of the run; null makes a new one (agents of one distributed run share it).</summary>
    public string? RunId { get; init; }

    /// <summary>
    /// A dependency host every agent calls (<c>--dependencies</c>): its address, recorded in the shard. <value>Default null:
    /// the run stands up its own dependency servers.</value>
    /// </summary>
    public Uri? DependencyHost { get; init; }

    /// <summary>Where each service is called when a dependency host serves it; such services get no server and no HTTP faults here.</summary>
    public IReadOnlyDictionary<string, Uri> DependencyEndpoints { get; init; } = new Dictionary<string, Uri>();

    /// <summary>Names what cancelled the run (a signal), for the abort reason. <value>Default: "Ctrl-C".</value></summary>
    public Func<string>? InterruptedBy { get; init; }
}
