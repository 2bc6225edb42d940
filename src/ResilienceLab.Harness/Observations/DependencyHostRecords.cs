using ResilienceLab.Reporting.Model;

namespace ResilienceLab.Harness.Observations;

/// <summary>
/// What a dependency host (<c>dependencies</c>) saw of a run whose agents all called its servers: per service the
/// arrivals (per calling instance too) and the server's own added latency, and the HTTP faults it switched, all as
/// offsets from <see cref="Origin"/>, the run's shared start. <c>merge --dependencies</c> takes these instead of the agents'.
/// </summary>
public sealed record DependencyHostRecords
{
    public const int CurrentSchemaVersion = 1;

    public const string FileName = "dependencies.json";

    public int SchemaVersion { get; init; } = CurrentSchemaVersion;

    public required string Scenario { get; init; }

    /// <summary>The scenario's stack instances per agent (arrivals count per instance only when there are several, as in a shard).</summary>
    public int Instances { get; init; } = 1;

    /// <summary>The wall-clock instant offsets count from (the agents' <c>--start-at</c>).</summary>
    public required DateTimeOffset Origin { get; init; }

    public required IReadOnlyDictionary<string, HostedDependency> Services { get; init; }

    /// <summary>The host's HTTP faults (the agents schedule none of their own).</summary>
    public IReadOnlyList<FaultReport> Faults { get; init; } = [];
}
