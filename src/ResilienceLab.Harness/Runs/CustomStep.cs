using ResilienceLab.Load;

namespace ResilienceLab.Harness.Runs;

/// <summary>
/// A step of the user's own code, run once per iteration in place of the document's workflow: it calls the scenario's
/// dependencies (WireMock servers the run stands up and faults) at the addresses <see cref="StepContext"/> gives, and
/// says how the iteration ended.
/// </summary>
public delegate ValueTask<IterationOutcome> CustomStep(StepContext context, CancellationToken cancellationToken);
