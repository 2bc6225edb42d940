using ResilienceLab.Harness.Configuration;
using ResilienceLab.Harness.Scenarios;

namespace ResilienceLab.Harness.SharedDependencies;

/// <summary>What a dependency host serves: the config's services, the scenario's HTTP faults, the run's start and where to listen.</summary>
public sealed record DependencyHostRequest
{
    public required LooseCouplingConfig Config { get; init; }

    /// <summary>The scenario whose HTTP faults the host runs (already scaled when the agents run it with --quick).</summary>
    public required Scenario Scenario { get; init; }

    /// <summary>The run's time zero, shared by every agent. <value>Default: <see cref="DefaultLead"/> after the host starts.</value></summary>
    public DateTimeOffset? StartAt { get; init; }

    /// <summary>Port of the host's API; its servers take the next ports, one per service in config order. <value>Default: free ports.</value></summary>
    public int? Port { get; init; }

    /// <summary>Listen on every address, so agents on other machines can call. <value>Default false: 127.0.0.1 only.</value></summary>
    public bool AllowRemote { get; init; }

    /// <summary>Overrides the scenario's seed (the faults' randomness).</summary>
    public int? Seed { get; init; }

    /// <summary>How far ahead the run starts when no start is given: time for the agents to start and warm up.</summary>
    public static TimeSpan DefaultLead { get; } = TimeSpan.FromSeconds(60);
}
