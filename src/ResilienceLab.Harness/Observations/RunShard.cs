namespace ResilienceLab.Harness.Observations;

/// <summary>
/// One agent's part of a run split across agents (<c>shard.json</c> in its report folder): what it observed, and the
/// scenario and config it ran (their text), so <c>merge</c> judges the whole run on exactly what the agents ran.
/// </summary>
public sealed record RunShard
{
    public const int CurrentSchemaVersion = 1;

    public const string FileName = "shard.json";

    public int SchemaVersion { get; init; } = CurrentSchemaVersion;

    /// <summary>This agent's segment, <c>I/N</c>.</summary>
    public required string Segment { get; init; }

    /// <summary>The scenario file the agent ran (its name; problems found on merge name it).</summary>
    public required string ScenarioFile { get; init; }

    public required string ScenarioSource { get; init; }

    public required string ConfigFile { get; init; }

    public required string ConfigSource { get; init; }

    /// <summary>True when the agents ran the scenario with <c>--quick</c>.</summary>
    public bool Quick { get; init; }

    /// <summary>The dependency host the agent called (<c>--dependencies</c>); null when it stood up its own servers.</summary>
    public string? DependencyHost { get; init; }

    public required RunObservations Observations { get; init; }
}
