namespace ResilienceLab.Reporting.Hypotheses;

/// <summary>Whether a metric has a figure; see <see cref="MetricValue"/>.</summary>
public enum MetricState
{
    Observed,
    NotObserved,
    NeverHappened,
}
