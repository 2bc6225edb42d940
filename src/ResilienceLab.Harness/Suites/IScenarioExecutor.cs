using ResilienceLab.Harness.Runs;

namespace ResilienceLab.Harness.Suites;

/// <summary>Runs one scenario and writes its report folder; <see cref="ScenarioRunner"/> does it for real, tests fake it.</summary>
public interface IScenarioExecutor
{
    Task<RunOutcome> RunAsync(RunRequest request, CancellationToken cancellationToken);
}
