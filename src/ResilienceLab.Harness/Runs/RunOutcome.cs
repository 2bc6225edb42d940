using ResilienceLab.Reporting.Model;

namespace ResilienceLab.Harness.Runs;

/// <summary>A finished (or aborted) run: its report and the folder it was written to.</summary>
public sealed record RunOutcome(RunReport Report, string ReportDirectory)
{
    /// <summary>What the run observed, from which the report was built. <value>Default null (a report read back from disk).</value></summary>
    public Observations.RunObservations? Observations { get; init; }

    /// <summary>Why the report folder could not be written (the verdict stands; the files are missing), or null.</summary>
    public string? WriteError { get; init; }

    /// <summary>How long building the report from the observations and writing its folder took (plots included).</summary>
    public TimeSpan ReportTime { get; init; }
}
