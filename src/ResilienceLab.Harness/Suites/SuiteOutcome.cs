using ResilienceLab.Harness.Runs;
using ResilienceLab.Reporting.Comparison;
using ResilienceLab.Reporting.Model;

namespace ResilienceLab.Harness.Suites;

/// <summary>A finished gate: each scenario's outcome, the comparison with the baseline (when one was given) and the summary files.</summary>
public sealed record SuiteOutcome(Suite Suite, IReadOnlyList<RunOutcome> Runs, ComparisonResult? Comparison, string OutDirectory)
{
    public bool Aborted => Runs.Any(r => r.Report.Verdict == Verdict.Aborted) || Runs.Count < Suite.Scenarios.Count;

    /// <summary>Some scenario ran to its end without a verdict (and none failed).</summary>
    public bool Inconclusive => Runs.Any(r => r.Report.Verdict == Verdict.Inconclusive);

    public bool AllContained => Runs.Count == Suite.Scenarios.Count && Runs.All(r => r.Report.Verdict == Verdict.Contained);

    public bool Regressed => (Comparison?.Regressed ?? false) || ShardsRegressed;

    /// <summary>A merged sharded gate: some shard regressed against its baseline. <value>Default false.</value></summary>
    public bool ShardsRegressed { get; init; }

    /// <summary>True only when every scenario was contained and nothing regressed against the baseline.</summary>
    public bool Passed => AllContained && !Regressed;

    /// <summary>Files that could not be written (a scenario's report folder, the summary or the comparison); empty when all were.</summary>
    public IReadOnlyList<string> WriteErrors { get; init; } = [];
}
