namespace ResilienceLab.Harness.Observations;

/// <summary>
/// One dependency: the stack's calls to it per second (and in all), the offsets at which its server received requests,
/// the server's own added latency per second (encoded histograms), and the breaker settings judging needs.
/// </summary>
public sealed record DependencyObservations
{
    public IReadOnlyList<DependencySample> Seconds { get; init; } = [];

    public DependencySample Total { get; init; } = new();

    /// <summary>Arrival offsets at the dependency server, in microseconds from the origin, ascending; empty for a real endpoint.</summary>
    public IReadOnlyList<long> ArrivalsUs { get; init; } = [];

    /// <summary>Arrival offsets per calling stack instance (its id), when the run had more than one; else empty.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<long>> ArrivalsByInstanceUs { get; init; } = new Dictionary<string, IReadOnlyList<long>>();

    /// <summary>Per second (of the response), the time the server took beyond the delay it meant, encoded.</summary>
    public IReadOnlyDictionary<int, string> AddedLatency { get; init; } = new Dictionary<int, string>();

    /// <summary>Half-open probes the breaker allows per round (to tell probes from leaks).</summary>
    public int HalfOpenMaxCalls { get; init; } = 1;

    /// <summary>Stack instances whose breaker for the service is shared through the breaker table; 0 when it is local.</summary>
    public int BreakerTableInstances { get; init; }

    /// <summary>False for a real endpoint (game days): no server of ours saw its requests.</summary>
    public bool Served { get; init; } = true;
}
