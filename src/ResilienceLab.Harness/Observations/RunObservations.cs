using ResilienceLab.Harness.Health;
using ResilienceLab.Reporting.Model;

namespace ResilienceLab.Harness.Observations;

/// <summary>
/// Everything one run (or one agent's segment of it) saw, as data: the load's seconds with their histograms in
/// HdrHistogram's compressed encoding, each dependency's calls, arrivals and own added latency, breaker transitions,
/// fault records, queue depths, message accounting, the harness's health and the control cohort. Offsets are seconds
/// from <see cref="Origin"/>, a wall-clock instant, so shards of several agents line up. The report is a pure function
/// of this (<see cref="Runs.RunReportBuilder"/>), so it can be written to a shard file and merged.
/// </summary>
public sealed record RunObservations
{
    public const int CurrentSchemaVersion = 1;

    public int SchemaVersion { get; init; } = CurrentSchemaVersion;

    /// <summary>Stamped on every message the run sends; agents of one run share it.</summary>
    public required string RunId { get; init; }

    public required string Scenario { get; init; }

    public required RunIdentity Run { get; init; }

    /// <summary>The wall-clock instant of second 0 of the measured run.</summary>
    public DateTimeOffset Origin { get; init; }

    /// <summary>Seconds from the origin until the load stopped starting iterations.</summary>
    public double LoadEndS { get; init; }

    public string? AbortReason { get; init; }

    public LoadObservations? Load { get; init; }

    /// <summary>Per service, in the config's order.</summary>
    public IReadOnlyDictionary<string, DependencyObservations> Dependencies { get; init; } = new Dictionary<string, DependencyObservations>();

    public IReadOnlyList<TransitionObservation> Transitions { get; init; } = [];

    public IReadOnlyList<FaultReport> Faults { get; init; } = [];

    /// <summary>Per queue, the depths read at the end of each second (seconds that could not be read are absent).</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<QueueSample>> QueueDepths { get; init; } = new Dictionary<string, IReadOnlyList<QueueSample>>();

    public IReadOnlyDictionary<string, MessageAccounting> Messages { get; init; } = new Dictionary<string, MessageAccounting>();

    public IReadOnlyList<HarnessSample> Harness { get; init; } = [];

    /// <summary>The control cohort's seconds; null when the scenario runs none.</summary>
    public IReadOnlyList<ControlSample>? Control { get; init; }

    /// <summary>Completed workflows in which an optional step fell back.</summary>
    public long Degraded { get; init; }

    /// <summary>A game day's journal (report.html shows it; it has its own file).</summary>
    public IReadOnlyList<JournalEntry> Journal { get; init; } = [];
}
