namespace ResilienceLab.Reporting.Model;

/// <summary>
/// What a run says about its hypothesis (report.json writes the snake_case word). Decided in one place,
/// <see cref="Hypotheses.VerdictPolicy"/>; every switch over it names all four, so a fifth is found by the compiler.
/// </summary>
public enum Verdict
{
    /// <summary>Every check passed on data the run saw, with the harness healthy: the failure was contained.</summary>
    Contained,

    /// <summary>A check failed while the harness was healthy: the failure cascaded.</summary>
    NotContained,

    /// <summary>
    /// The run cannot say: the harness fell behind in a judged window, a scheduled fault hit nothing, or a check had no
    /// data to judge (and none failed).
    /// </summary>
    Inconclusive,

    /// <summary>The run did not finish (Ctrl-C, SIGTERM, a stop condition, infrastructure lost).</summary>
    Aborted,
}
