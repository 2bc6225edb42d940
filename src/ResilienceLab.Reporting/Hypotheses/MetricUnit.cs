namespace ResilienceLab.Reporting.Hypotheses;

/// <summary>The unit a metric is in; it sets the noise floor a comparison allows.</summary>
public enum MetricUnit
{
    Milliseconds,
    Seconds,

    /// <summary>A share from 0 to 1 (an error rate).</summary>
    Rate,

    /// <summary>A ratio of counts (attempts per call).</summary>
    Ratio,

    Count,
    PerSecond,
    Percent,
}
