using ResilienceLab.Reporting.Model;

namespace ResilienceLab.Harness.Runs;

/// <summary>A finished (or aborted) run: its report and the folder it was written to.</summary>
public sealed record RunOutcome(RunReport Report, string ReportDirectory);
