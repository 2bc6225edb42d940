using ResilienceLab.Harness.Runs;
using ResilienceLab.Harness.Scenarios;
using ResilienceLab.Reporting.Comparison;
using ResilienceLab.Reporting.Model;
using ResilienceLab.Reporting.Writers;

namespace ResilienceLab.Harness.Suites;

/// <summary>
/// Runs a suite: reads every scenario and the baseline up front (so bad input fails before any load), runs the
/// scenarios one after another into <c>OUT/SCENARIO/</c>, then writes <c>summary.md</c>, <c>summary.html</c>, a combined
/// <c>junit.xml</c> and, with a baseline, <c>compare/</c>. Ctrl-C stops after the running scenario's partial report.
/// </summary>
public sealed class SuiteRunner
{
    private readonly IScenarioExecutor _executor;

    public SuiteRunner(IScenarioExecutor executor) => _executor = executor;

    /// <exception cref="Input.InvalidInputException">A scenario of the suite is invalid.</exception>
    /// <exception cref="IncompatibleReportException">The baseline cannot be compared.</exception>
    public async Task<SuiteOutcome> RunAsync(SuiteRequest request, IProgress<SuiteProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var catalog = new ScenarioCatalog(request.ScenariosDirectory);
        var suite = request.Shard.IsWhole ? request.Suite : request.Suite with { Scenarios = [.. request.Suite.Scenarios.Where((_, i) => request.Shard.Owns(i))] };
        var scenarios = ReadAll(request, catalog).Where((_, i) => request.Shard.Owns(i)).ToList();
        var baseline = request.BaselineDirectory is null ? null : ReportFolderReader.Read(request.BaselineDirectory);

        var runs = new List<RunOutcome>();
        for (var i = 0; i < scenarios.Count; i++)
        {
            if (cancellationToken.IsCancellationRequested)
            {
                break;
            }

            progress?.Report(new SuiteProgress(i + 1, scenarios.Count, scenarios[i].Name, null));
            var outcome = await _executor.RunAsync(
                new RunRequest { Scenario = scenarios[i], Config = request.Config, OutDirectory = request.OutDirectory, Quick = request.Quick, InterruptedBy = request.InterruptedBy },
                cancellationToken).ConfigureAwait(false);
            runs.Add(outcome);
            progress?.Report(new SuiteProgress(i + 1, scenarios.Count, scenarios[i].Name, outcome));
        }

        var reports = runs.Select(r => r.Report).ToList();
        ComparisonResult? comparison = null;
        if (baseline is not null)
        {
            var tolerance = request.MaxRegressionPercent ?? request.Suite.MaxRegressionPercent ?? ReportComparer.DefaultMaxRegressionPercent;
            comparison = ReportComparer.Compare(baseline, reports, tolerance, request.BaselineDirectory!, request.OutDirectory);
        }

        var notRun = suite.Scenarios.Skip(runs.Count).ToList();
        var writeErrors = runs.Where(r => r.WriteError is not null).Select(r => $"{r.ReportDirectory}: {r.WriteError}").ToList();
        try
        {
            if (comparison is not null)
            {
                ComparisonFolderWriter.Write(Path.Combine(request.OutDirectory, "compare"), comparison);
            }

            SuiteSummaryFiles.Write(request.OutDirectory, request.Shard.IsWhole ? suite.Name : $"{suite.Name} (shard {request.Shard})", reports, notRun, comparison);
            if (!request.Shard.IsWhole)
            {
                SuiteSummaryFiles.Replace(Path.Combine(request.OutDirectory, SuiteShard.FileName), SuiteShardJson.Serialize(new SuiteShard
                {
                    Suite = request.Suite.Name,
                    Shard = request.Shard.ToString(),
                    Scenarios = request.Suite.Scenarios,
                    Regressed = comparison?.Regressed ?? false,
                }));
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // The verdicts stand; the caller says which files are missing and exits 3.
            writeErrors.Add($"{request.OutDirectory}: {ex.Message}");
        }

        return new SuiteOutcome(suite, runs, comparison, request.OutDirectory) { WriteErrors = writeErrors };
    }

    private static List<Scenario> ReadAll(SuiteRequest request, ScenarioCatalog catalog)
    {
        var scenarios = new List<Scenario>();
        var problems = new List<Input.InputProblem>();
        foreach (var name in request.Suite.Scenarios)
        {
            try
            {
                scenarios.Add(ScenarioReader.Read(catalog.Find(name), request.Config));
            }
            catch (Input.InvalidInputException ex)
            {
                problems.AddRange(ex.Problems);
            }
        }

        return problems.Count > 0 ? throw new Input.InvalidInputException(problems) : scenarios;
    }
}
