using ResilienceLab.Harness.Runs;
using ResilienceLab.Reporting.Model;

namespace ResilienceLab;

/// <summary>
/// Runs scenarios built in code (NBomber's <c>NBomberRunner</c>): each as the command line runs a scenario file, one after
/// another, each writing its report folder (report.html, report.json, report.md, junit.xml, plots) under the report folder.
/// </summary>
public sealed class ResilienceRunner
{
    private readonly List<ResilienceScenario> _scenarios;
    private string _reportFolder = "reports";
    private bool _quick;
    private TimeProvider _time = TimeProvider.System;

    private ResilienceRunner(IEnumerable<ResilienceScenario> scenarios) => _scenarios = [.. scenarios];

    public static ResilienceRunner RegisterScenarios(params ResilienceScenario[] scenarios) => new(scenarios);

    /// <summary>Where report folders go (<c>FOLDER/SCENARIO/</c>). <value>Default <c>reports</c>.</value></summary>
    public ResilienceRunner WithReportFolder(string folder)
    {
        _reportFolder = folder;
        return this;
    }

    /// <summary>Scales every duration by the scenario's quick scale (0.25 by default), as <c>--quick</c> does.</summary>
    public ResilienceRunner WithQuick(bool quick = true)
    {
        _quick = quick;
        return this;
    }

    /// <summary>The clock the runs use. <value>Default the system clock.</value></summary>
    public ResilienceRunner WithTimeProvider(TimeProvider time)
    {
        _time = time;
        return this;
    }

    /// <exception cref="Harness.Input.InvalidInputException">A scenario does not validate (nothing was run).</exception>
    public async Task<RunResults> RunAsync(CancellationToken cancellationToken = default)
    {
        // Every scenario is validated before the first runs, as the gate does.
        var built = _scenarios.Select(s => (Definition: s, Model: s.Build())).ToList();
        var outcomes = new List<RunOutcome>();
        var runner = new ScenarioRunner(_time);
        foreach (var (definition, (scenario, config)) in built)
        {
            outcomes.Add(await runner.RunAsync(
                new RunRequest
                {
                    Scenario = scenario,
                    Config = config,
                    OutDirectory = _reportFolder,
                    Quick = _quick,
                    Step = definition.Step,
                    ExternalBreakers = definition.Breakers,
                },
                progress: null,
                cancellationToken).ConfigureAwait(false));
        }

        return new RunResults([.. outcomes.Select(o => new ScenarioResult(o.Report, o.ReportDirectory))]);
    }
}
