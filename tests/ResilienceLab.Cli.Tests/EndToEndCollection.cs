namespace ResilienceLab.Cli.Tests;

/// <summary>
/// End-to-end runs drive real load on loopback; they run one at a time so they do not skew each other's latency, and
/// only once the machine has a core to spare (<see cref="QuietMachine"/>).
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class EndToEndCollection : ICollectionFixture<QuietMachine>
{
    public const string Name = "end-to-end";
}
