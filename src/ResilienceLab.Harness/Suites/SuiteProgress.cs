using ResilienceLab.Harness.Runs;

namespace ResilienceLab.Harness.Suites;

/// <summary>A scenario of a suite starting (<see cref="Outcome"/> null) or finished.</summary>
public sealed record SuiteProgress(int Index, int Count, string Scenario, RunOutcome? Outcome);
