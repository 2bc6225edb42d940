using System.Text.Json.Serialization;

namespace ResilienceLab.Reporting.Model;

/// <summary>
/// Everything one run produced, in the shape <c>report.json</c> carries (snake_case keys): the verdict first,
/// then the hypothesis checks, the summary, per-dependency figures, message accounting, faults and the per-second timeline.
/// </summary>
public sealed record RunReport
{
    /// <summary>Bumped on any change a reader of report.json must know about (2: four verdicts, check outcomes, windows).</summary>
    public const int CurrentSchemaVersion = 2;

    public int SchemaVersion { get; init; } = CurrentSchemaVersion;

    public required string Scenario { get; init; }

    public string? Description { get; init; }

    /// <summary><c>contained</c>, <c>not_contained</c>, <c>inconclusive</c> or <c>aborted</c>.</summary>
    public required Verdict Verdict { get; init; }

    /// <summary>Why the verdict is what it is, one sentence each (the failed checks, the harness signal that was over its limit, ...).</summary>
    public IReadOnlyList<string> VerdictReasons { get; init; } = [];

    public string? AbortReason { get; init; }

    public required RunIdentity Run { get; init; }

    public IReadOnlyList<HypothesisResult> Hypothesis { get; init; } = [];

    public required RunSummary Summary { get; init; }

    public IReadOnlyDictionary<string, DependencyReport> Dependencies { get; init; } = new Dictionary<string, DependencyReport>();

    public MessageAccounting Messages { get; init; } = new();

    /// <summary>The same accounting per channel: each request queue, and the workflow events.</summary>
    public IReadOnlyDictionary<string, MessageAccounting> MessageChannels { get; init; } = new Dictionary<string, MessageAccounting>();

    public IReadOnlyList<FaultReport> Faults { get; init; } = [];

    /// <summary>The window a scenario without faults stresses (a load spike); window metrics use it as their fault window.</summary>
    public TimeWindow? StressWindow { get; init; }

    /// <summary>The judged windows (<c>run</c>, <c>pre_fault</c>, <c>fault</c>, <c>post_fault</c>) with their figures.</summary>
    public IReadOnlyDictionary<string, WindowFigures> Windows { get; init; } = new Dictionary<string, WindowFigures>();

    /// <summary>Whether the harness kept up in each window; null for a report written before it was measured.</summary>
    public HarnessHealthReport? HarnessHealth { get; init; }

    public IReadOnlyList<TimelinePoint> Timeline { get; init; } = [];

    /// <summary>The overall latency percentile spectrum (corrected), for the HdrHistogram-style plot.</summary>
    public IReadOnlyList<SpectrumPoint> LatencySpectrum { get; init; } = [];

    /// <summary>A game day's journal, for report.html's timeline; its own file is <c>journal.jsonl</c>, so report.json leaves it out. <value>Default empty.</value></summary>
    [JsonIgnore]
    public IReadOnlyList<JournalEntry> Journal { get; init; } = [];
}
