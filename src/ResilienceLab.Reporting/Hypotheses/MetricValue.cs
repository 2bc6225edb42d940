namespace ResilienceLab.Reporting.Hypotheses;

/// <summary>
/// What the run says about one metric: a figure; nothing (<see cref="MetricState.NotObserved"/>: no data to judge);
/// or that what it measures never happened (<see cref="MetricState.NeverHappened"/>: a breaker that never opened, a
/// queue that never drained), which fails its check. <see cref="Note"/> says why when there is no figure.
/// </summary>
public readonly record struct MetricValue(MetricState State, double? Value, string? Note)
{
    public static MetricValue Of(double value) => new(MetricState.Observed, value, null);

    public static MetricValue NotObserved(string why) => new(MetricState.NotObserved, null, why);

    public static MetricValue NeverHappened(string what) => new(MetricState.NeverHappened, null, what);

    /// <summary>The ratio <paramref name="numerator"/>/<paramref name="denominator"/>, not observed when the denominator is 0.</summary>
    public static MetricValue Ratio(double numerator, double denominator, string whyNone) =>
        denominator == 0 ? NotObserved(whyNone) : Of(numerator / denominator);
}
