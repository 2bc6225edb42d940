using ResilienceLab.Harness.Configuration;

namespace ResilienceLab.Harness.Suites;

/// <summary>What a gate runs: a validated suite and config, the scenario folder, where to write, and an optional baseline.</summary>
public sealed record SuiteRequest
{
    public required Suite Suite { get; init; }

    public required LooseCouplingConfig Config { get; init; }

    public required string ScenariosDirectory { get; init; }

    public required string OutDirectory { get; init; }

    public bool Quick { get; init; }

    /// <summary>A suite output folder (or one scenario's report folder) of an earlier run to compare with.</summary>
    public string? BaselineDirectory { get; init; }

    /// <summary>Overrides the suite's <c>max_regression_pct</c>; both absent means 10.</summary>
    public double? MaxRegressionPercent { get; init; }

    /// <summary>This gate's shard of the suite (<c>gate --shard I/N</c>): every N-th scenario from the I-th. <value>Default: the whole suite.</value></summary>
    public Load.ExecutionSegment Shard { get; init; } = Load.ExecutionSegment.Whole;

    /// <summary>Names what cancelled the run (a signal), for the abort reason. <value>Default: "Ctrl-C".</value></summary>
    public Func<string>? InterruptedBy { get; init; }
}
