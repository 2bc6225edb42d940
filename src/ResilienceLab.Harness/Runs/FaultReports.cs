using ResilienceLab.Chaos.Faults;
using ResilienceLab.Reporting.Model;

namespace ResilienceLab.Harness.Runs;

/// <summary>A fault schedule's records as the report carries them, with who switched each on.</summary>
internal static class FaultReports
{
    public const string Schedule = "schedule";

    public static IEnumerable<FaultReport> From(IEnumerable<FaultRecord> records, string source = Schedule) =>
        records.Select(f => new FaultReport(
            f.Name,
            f.Kind,
            f.Target,
            f.Rate,
            f.ScheduledStart.TotalSeconds,
            f.ScheduledEnd.TotalSeconds,
            f.ActualStart?.TotalSeconds,
            f.ActualEnd?.TotalSeconds,
            f.RequestsAffected,
            f.RolledBackEarly,
            source));
}
