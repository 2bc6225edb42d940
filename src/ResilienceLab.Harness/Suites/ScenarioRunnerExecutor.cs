using ResilienceLab.Harness.Runs;

namespace ResilienceLab.Harness.Suites;

/// <summary>The real <see cref="IScenarioExecutor"/>: a <see cref="ScenarioRunner"/> on the given clock.</summary>
public sealed class ScenarioRunnerExecutor : IScenarioExecutor
{
    private readonly ScenarioRunner _runner;
    private readonly IProgress<RunProgress>? _progress;

    public ScenarioRunnerExecutor(TimeProvider timeProvider, IProgress<RunProgress>? progress = null)
    {
        _runner = new ScenarioRunner(timeProvider);
        _progress = progress;
    }

    public Task<RunOutcome> RunAsync(RunRequest request, CancellationToken cancellationToken) =>
        _runner.RunAsync(request, _progress, cancellationToken);
}
