using ResilienceLab.Harness.Configuration;
using ResilienceLab.Harness.Scenarios;

namespace ResilienceLab.Harness.GameDays;

/// <summary>What a game day runs: a validated scenario and config, where the report goes, and the game day's knobs.</summary>
public sealed record GameDayRequest
{
    public required Scenario Scenario { get; init; }

    public required LooseCouplingConfig Config { get; init; }

    public required string OutDirectory { get; init; }

    public string Target { get; init; } = "local";

    /// <summary>Use drifted and not-owned resources as they are, instead of refusing them (<c>--adopt</c>).</summary>
    public bool Adopt { get; init; }

    /// <summary>How long the load runs unless ended earlier. <value>Default: the scenario's load length.</value></summary>
    public TimeSpan? Duration { get; init; }

    /// <summary>Whether the scenario's scheduled faults run too. <value>Default true.</value></summary>
    public bool UseSchedule { get; init; } = true;

    /// <summary>Port of the control endpoint on 127.0.0.1. <value>Default: a free port.</value></summary>
    public int? ControlPort { get; init; }

    /// <summary>Port of the Prometheus <c>/metrics</c> endpoint on 127.0.0.1. <value>Default null: no endpoint.</value></summary>
    public int? MetricsPort { get; init; }

    /// <summary>Allows service endpoints that are not on this machine. <value>Default false.</value></summary>
    public bool AllowRemote { get; init; }

    /// <summary>Overrides the scenario's seed.</summary>
    public int? Seed { get; init; }

    public string? Label { get; init; }

    /// <summary>The id stamped on every message of the game day; null makes a new one.</summary>
    public string? RunId { get; init; }

    /// <summary>This agent's share of a game day split across agents. <value>Default: the whole load.</value></summary>
    public Load.ExecutionSegment Segment { get; init; } = Load.ExecutionSegment.Whole;

    /// <summary>The wall-clock instant the measured load starts (agents of one game day share it); null starts after warm-up.</summary>
    public DateTimeOffset? StartAt { get; init; }

    /// <summary>Names what cancelled the run (a signal), for the abort reason. <value>Default: "Ctrl-C".</value></summary>
    public Func<string>? InterruptedBy { get; init; }
}
