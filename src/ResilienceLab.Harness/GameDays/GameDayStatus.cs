namespace ResilienceLab.Harness.GameDays;

/// <summary>A game day right now: how far along, the last second's load figures, each dependency, and the faults on.</summary>
public sealed record GameDayStatus
{
    public required string Scenario { get; init; }

    /// <summary><c>running</c>, or <c>ending</c> once the run was ended, stopped by a stop condition or interrupted.</summary>
    public required string State { get; init; }

    public double ElapsedS { get; init; }

    public double TotalS { get; init; }

    public double RequestsPerSecond { get; init; }

    public double P99Ms { get; init; }

    public long Ok { get; init; }

    public long Errors { get; init; }

    public long Dropped { get; init; }

    public int InFlight { get; init; }

    public IReadOnlyDictionary<string, DependencyStatus> Dependencies { get; init; } = new Dictionary<string, DependencyStatus>();

    public IReadOnlyList<string> ActiveFaults { get; init; } = [];

    public string? StopReason { get; init; }
}
