namespace ResilienceLab.Harness.Suites;

/// <summary>
/// <c>gate-shard.json</c>, written beside a sharded gate's summary (<c>gate --shard I/N</c>): which suite, which shard, the
/// suite's whole scenario list (shard I ran every N-th of it from the I-th), and whether it regressed against a baseline.
/// </summary>
public sealed record SuiteShard
{
    public const int CurrentSchemaVersion = 1;

    public const string FileName = "gate-shard.json";

    public int SchemaVersion { get; init; } = CurrentSchemaVersion;

    public required string Suite { get; init; }

    /// <summary><c>I/N</c>.</summary>
    public required string Shard { get; init; }

    /// <summary>Every scenario of the suite, in its order.</summary>
    public required IReadOnlyList<string> Scenarios { get; init; }

    /// <summary>True when this shard's scenarios regressed against the baseline it was given.</summary>
    public bool Regressed { get; init; }
}
