namespace ResilienceLab.Reporting.Model;

/// <summary>One second of the run.</summary>
public sealed record TimelinePoint
{
    public int Second { get; init; }

    public long Started { get; init; }

    public long Ok { get; init; }

    public long Failed { get; init; }

    public long Dropped { get; init; }

    public int InFlight { get; init; }

    public double LatencyP50Ms { get; init; }

    public double LatencyP95Ms { get; init; }

    public double LatencyP99Ms { get; init; }

    public double ServiceTimeP99Ms { get; init; }

    public IReadOnlyDictionary<string, DependencySecond> Dependencies { get; init; } = new Dictionary<string, DependencySecond>();

    public IReadOnlyDictionary<string, QueueSecond> Queues { get; init; } = new Dictionary<string, QueueSecond>();

    public IReadOnlyList<string> ActiveFaults { get; init; } = [];

    /// <summary>The harness's own health in this second; null when it was not measured.</summary>
    public HarnessSecond? Harness { get; init; }

    /// <summary>The control cohort in this second; null when the scenario runs none.</summary>
    public ControlSecond? Control { get; init; }
}
