using ResilienceLab.Reporting.Hypotheses;

namespace ResilienceLab.Harness.GameDays;

/// <summary>
/// A guard of a game day (<c>stop_conditions[i]</c>): when <see cref="Metric"/> compared with <see cref="Threshold"/> by
/// <see cref="Operator"/> holds for <see cref="For"/> (every per-second sample in a row), every fault is rolled back at
/// once and the run ends, aborted. Metrics are those of <see cref="StopConditionMetrics"/>.
/// </summary>
/// <param name="Name">What the journal and the abort reason call it. <value>Default: the metric.</value></param>
/// <param name="For">How long the condition must hold before it trips. <value>Default zero: the first sample crossing trips it.</value></param>
public sealed record StopCondition(string Name, string Metric, ComparisonOperator Operator, double Threshold, TimeSpan For)
{
    public string Describe() => $"{Metric} {ComparisonOperators.Symbol(Operator)} {Threshold.ToString(System.Globalization.CultureInfo.InvariantCulture)}" +
        (For > TimeSpan.Zero ? $" for {Load.DurationParser.Format(For)}" : string.Empty);
}
