namespace ResilienceLab.Harness.Observations;

/// <summary>One service's server on a dependency host: where it listens and what it received since the run's start.</summary>
public sealed record HostedDependency
{
    /// <summary>The port the server listens on (agents call the host's address at this port).</summary>
    public required int Port { get; init; }

    /// <summary>Arrival offsets in microseconds from the run's start, ascending (requests before it, the agents' warm-up, are left out).</summary>
    public IReadOnlyList<long> ArrivalsUs { get; init; } = [];

    /// <summary>Arrival offsets per calling stack instance id.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<long>> ArrivalsByInstanceUs { get; init; } = new Dictionary<string, IReadOnlyList<long>>();

    /// <summary>Per second, the time the server took beyond the delay it meant, encoded.</summary>
    public IReadOnlyDictionary<int, string> AddedLatency { get; init; } = new Dictionary<int, string>();
}
