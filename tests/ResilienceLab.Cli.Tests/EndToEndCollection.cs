namespace ResilienceLab.Cli.Tests;

/// <summary>End-to-end runs drive real load on loopback; they run one at a time so they do not skew each other's latency.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class EndToEndCollection
{
    public const string Name = "end-to-end";
}
