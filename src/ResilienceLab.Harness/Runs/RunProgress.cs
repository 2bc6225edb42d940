using ResilienceLab.Load;

namespace ResilienceLab.Harness.Runs;

/// <summary>What the live console shows once a second: the load's progress, each breaker's state, and the faults switched on.</summary>
public sealed record RunProgress(LoadProgress Load, IReadOnlyDictionary<string, string> Breakers, IReadOnlyList<string> ActiveFaults)
{
    /// <summary>After the load: messages still queued while the run waits for asynchronous work to finish (null before). <value>Default null.</value></summary>
    public long? Draining { get; init; }
}
