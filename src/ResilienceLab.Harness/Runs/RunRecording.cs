using ResilienceLab.Harness.Observations;
using ResilienceLab.Load;
using ResilienceLab.Reporting.Model;

namespace ResilienceLab.Harness.Runs;

/// <summary>What a run's driver (a scenario run or a game day) knows beside its session, for <see cref="RunObservationsRecorder"/>.</summary>
internal sealed record RunRecording
{
    public required string RunId { get; init; }

    public required string Scenario { get; init; }

    public required RunIdentity Identity { get; init; }

    public LoadResult? Load { get; init; }

    public IReadOnlyList<FaultReport> Faults { get; init; } = [];

    public IReadOnlyDictionary<string, MessageAccounting> Messages { get; init; } = new Dictionary<string, MessageAccounting>();

    public string? AbortReason { get; init; }

    public IReadOnlyList<ControlSample>? Control { get; init; }

    public long Degraded { get; init; }

    public IReadOnlyList<JournalEntry> Journal { get; init; } = [];
}
