namespace ResilienceLab.Reporting.Model;

/// <summary>How one hypothesis check came out.</summary>
public enum CheckOutcome
{
    /// <summary>The metric was observed and the comparison held.</summary>
    Passed,

    /// <summary>The metric was observed and the comparison did not hold, or what it measures never happened (a breaker that never opened).</summary>
    Failed,

    /// <summary>The run has no data for the metric (no workflow in the window, a 0/0 ratio, a queue that could not be read).</summary>
    NotObserved,
}
