using ResilienceLab.Reporting.Hypotheses;

namespace ResilienceLab.Harness.GameDays;

/// <summary>
/// Decides, one per-second sample at a time, whether a stop condition has held long enough to trip. A sample covers
/// the second before it, so a condition with <c>for: 3s</c> trips on the third sample in a row that crosses it; a sample
/// that does not cross it (or has no value for its metric) starts the count again. Pure: no clock, no I/O.
/// </summary>
public sealed class StopConditionMonitor
{
    private static readonly TimeSpan SampleSpan = TimeSpan.FromSeconds(1);
    private readonly IReadOnlyList<StopCondition> _conditions;
    private readonly TimeSpan?[] _crossedSince;

    public StopConditionMonitor(IReadOnlyList<StopCondition> conditions)
    {
        ArgumentNullException.ThrowIfNull(conditions);
        _conditions = conditions;
        _crossedSince = new TimeSpan?[conditions.Count];
    }

    /// <summary>Folds in the sample taken at <paramref name="at"/>; returns the first condition that trips on it, or null.</summary>
    /// <param name="at">When the sample was taken (offset from the start).</param>
    /// <param name="value">The sample's value of a metric, or null when it has none.</param>
    public StopConditionTrip? Observe(TimeSpan at, Func<string, double?> value)
    {
        ArgumentNullException.ThrowIfNull(value);
        StopConditionTrip? trip = null;
        for (var i = 0; i < _conditions.Count; i++)
        {
            var condition = _conditions[i];
            if (value(condition.Metric) is not { } observed || double.IsNaN(observed) || !ComparisonOperators.Holds(condition.Operator, observed, condition.Threshold))
            {
                _crossedSince[i] = null;
                continue;
            }

            var since = _crossedSince[i] ??= at - SampleSpan;
            if (trip is null && at - since >= Max(condition.For, SampleSpan))
            {
                trip = new StopConditionTrip(condition, observed, at, at - since);
            }
        }

        return trip;
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
