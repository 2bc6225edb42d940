using ResilienceLab.Chaos.Faults;
using ResilienceLab.Harness.GameDays;
using ResilienceLab.Load;
using ResilienceLab.Reporting.Hypotheses;

namespace ResilienceLab.Harness.Scenarios;

/// <summary>
/// A scenario file, read and validated: the failure it stages (<see cref="Faults"/>), the load it runs the workflow under,
/// and the hypothesis that says the failure was contained.
/// </summary>
public sealed record Scenario
{
    public required string Name { get; init; }

    public string Description { get; init; } = string.Empty;

    public required string SourceFile { get; init; }

    /// <summary>The config workflow each load iteration runs.</summary>
    public required string Workflow { get; init; }

    public required IReadOnlyList<LoadSimulation> Load { get; init; }

    public TimeSpan WarmUp { get; init; }

    public int MaxInFlight { get; init; } = 1_000;

    /// <summary>Factor applied to every duration under <c>--quick</c>. <value>Default 0.25.</value></summary>
    public double QuickScale { get; init; } = 0.25;

    public int Seed { get; init; } = 42;

    public IReadOnlyList<FaultSpec> Faults { get; init; } = [];

    public IReadOnlyList<HypothesisCheck> Hypothesis { get; init; } = [];

    /// <summary>How far the harness may fall behind in a judged window before the verdict is inconclusive (<c>harness_limits</c>).</summary>
    public Reporting.Model.HarnessLimits HarnessLimits { get; init; } = new();

    /// <summary>Copies of the stack a run stands up, each with its own instance id, sharing the breaker table. <value>Default 1.</value></summary>
    public int Instances { get; init; } = 1;

    /// <summary>Run a second, identical, unfaulted stack on the same arrivals as a control cohort.</summary>
    public bool Control { get; init; }

    /// <summary>For scenarios whose stress is the load itself (a spike): the window window-metrics call <c>fault</c>.</summary>
    public (TimeSpan Start, TimeSpan Duration)? StressWindow { get; init; }

    /// <summary>Named faults a game day's operator may start by hand (<c>catalogue</c>): no start; a duration of zero means until stopped.</summary>
    public IReadOnlyList<FaultSpec> Catalogue { get; init; } = [];

    /// <summary>Guards a game day watches once a second (<c>stop_conditions</c>); a scenario run ignores them.</summary>
    public IReadOnlyList<StopCondition> StopConditions { get; init; } = [];
}
