namespace ResilienceLab.Cli;

/// <summary>The exit-code contract a CI job gates on.</summary>
public static class ExitCodes
{
    /// <summary>The hypothesis held: the failure was contained.</summary>
    public const int Contained = 0;

    /// <summary>The hypothesis was violated, or a comparison found a regression.</summary>
    public const int NotContained = 1;

    /// <summary>Invalid input: usage, config or scenario.</summary>
    public const int InvalidInput = 2;

    /// <summary>Aborted: stop condition, infrastructure error or Ctrl-C (a partial report is still written).</summary>
    public const int Aborted = 3;

    /// <summary>Inconclusive: the run finished but cannot judge (the harness fell behind, a fault hit nothing, a check had no data).</summary>
    public const int Inconclusive = 3;

    /// <summary>The exit code of a run's verdict.</summary>
    public static int For(Reporting.Model.Verdict verdict) => verdict switch
    {
        Reporting.Model.Verdict.Contained => Contained,
        Reporting.Model.Verdict.NotContained => NotContained,
        Reporting.Model.Verdict.Inconclusive => Inconclusive,
        Reporting.Model.Verdict.Aborted => Aborted,
    };
}
