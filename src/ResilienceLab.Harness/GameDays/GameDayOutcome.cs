using ResilienceLab.Reporting.Model;

namespace ResilienceLab.Harness.GameDays;

/// <summary>A finished game day: its report, the folder holding it (and <c>journal.jsonl</c>), and the stop condition that ended it, if one did.</summary>
public sealed record GameDayOutcome(RunReport Report, string ReportDirectory, StopConditionTrip? Trip)
{
    /// <summary>Why the live journal file could not be appended to during the game day (the report's copy is complete), or null.</summary>
    public string? JournalWriteError { get; init; }

    /// <summary>Why the report folder could not be written (the verdict stands), or null.</summary>
    public string? WriteError { get; init; }
}
