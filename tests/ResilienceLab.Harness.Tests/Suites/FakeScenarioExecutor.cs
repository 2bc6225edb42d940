using ResilienceLab.Harness.Runs;
using ResilienceLab.Harness.Suites;
using ResilienceLab.Reporting.Model;
using ResilienceLab.Reporting.Writers;
using ResilienceLab.Tests.Shared;

namespace ResilienceLab.Harness.Tests.Suites;

/// <summary>Stands in for a real run: writes an in-memory report for the scenario, shaped by <see cref="Shape"/>.</summary>
internal sealed class FakeScenarioExecutor : IScenarioExecutor
{
    public Func<string, RunReport> Shape { get; init; } = name => TestReports.Create(name);

    public List<string> Ran { get; } = [];

    public Task<RunOutcome> RunAsync(RunRequest request, CancellationToken cancellationToken)
    {
        Ran.Add(request.Scenario.Name);
        var report = Shape(request.Scenario.Name);
        return Task.FromResult(new RunOutcome(report, ReportFolderWriter.Write(request.OutDirectory, report)));
    }
}
