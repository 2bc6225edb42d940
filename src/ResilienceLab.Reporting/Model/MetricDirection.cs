namespace ResilienceLab.Reporting.Model;

/// <summary>Which way a metric gets worse.</summary>
public enum MetricDirection
{
    /// <summary>Latency, error rate, dropped iterations, a check of the form <c>&lt;= x</c>.</summary>
    HigherIsWorse,

    /// <summary>Throughput, a check of the form <c>&gt;= x</c>.</summary>
    LowerIsWorse,

    /// <summary>A check of the form <c>== x</c>: only a pass turning into a fail counts.</summary>
    Neither,
}
