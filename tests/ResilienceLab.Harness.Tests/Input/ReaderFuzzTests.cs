using ResilienceLab.Harness.Configuration;
using ResilienceLab.Harness.Input;
using ResilienceLab.Harness.Scenarios;
using ResilienceLab.Harness.Suites;
using ResilienceLab.Harness.Tests.Suites;
using ResilienceLab.Reporting.Comparison;
using ResilienceLab.Reporting.Writers;
using ResilienceLab.Tests.Shared;
using Xunit.Abstractions;

namespace ResilienceLab.Harness.Tests.Input;

/// <summary>
/// Mutated configs, scenarios, suites and report.json files (<see cref="JsonMutator"/>, from fixed seeds) fed to the
/// readers: each is accepted or refused with problems of one line each naming the file; no other exception escapes and
/// nothing is written beside the input. A failure names the seed that replays it.
/// </summary>
public sealed class ReaderFuzzTests : IDisposable
{
    private const int InputsPerKind = 2_500;
    private static readonly LooseCouplingConfig Config = ConfigReader.Read(SuiteFixtures.Config);
    private readonly TempFiles _files = new();
    private readonly ITestOutputHelper _output;

    public ReaderFuzzTests(ITestOutputHelper output) => _output = output;

    public void Dispose() => _files.Dispose();

    [Fact]
    public void ConfigReader_MutatedConfigs_AcceptOrOneLineProblems()
    {
        var valid = File.ReadAllText(SuiteFixtures.Config);
        Fuzz("config", valid, path =>
        {
            try
            {
                ConfigReader.Read(path);
                return 0;
            }
            catch (InvalidInputException ex)
            {
                AssertOneLineEach(ex.Problems, path);
                return ex.Problems.Count;
            }
        });
    }

    [Fact]
    public void ScenarioReaders_MutatedScenarios_AcceptOrOneLineProblems()
    {
        var valid = Directory.GetFiles(SuiteFixtures.Scenarios, "*.json").Select(File.ReadAllText).ToList();
        var next = 0;
        Fuzz("scenario", () => valid[next++ % valid.Count], path =>
        {
            int found;
            try
            {
                ScenarioReader.Read(path, Config);
                found = 0;
            }
            catch (InvalidInputException ex)
            {
                AssertOneLineEach(ex.Problems, path);
                found = ex.Problems.Count;
            }

            // validate: the schema and the reader together, every tenth input (the schema costs a few milliseconds).
            if (path.GetHashCode(StringComparison.Ordinal) % 10 == 0)
            {
                AssertOneLineEach(ScenarioValidator.Validate(path, Config), path);
            }

            return found;
        });
    }

    [Fact]
    public void SuiteReader_MutatedSuites_AcceptOrOneLineProblems()
    {
        var valid = File.ReadAllText(Path.Combine(SuiteFixtures.Scenarios, "suites", "nightly.json"));
        var catalog = new ScenarioCatalog(SuiteFixtures.Scenarios);
        Fuzz("suite", valid, path =>
        {
            try
            {
                SuiteReader.Read(path, catalog);
                return 0;
            }
            catch (InvalidInputException ex)
            {
                AssertOneLineEach(ex.Problems, path);
                return ex.Problems.Count;
            }
        });
    }

    [Fact]
    public void ReportFolderReader_MutatedReports_AcceptOrOneLineRefusalAndAcceptedOnesCompareAndRender() => FuzzReports(null);

    /// <summary>Mutations that once broke a reader or writer of reports.</summary>
    [Theory]
    [InlineData(989_710_748)]
    [InlineData(1_007_209)]
    public void ReportFolderReader_MutationThatOnceBrokeIt_AcceptedOrRefusedInOneLine(int seed) => FuzzReports([seed]);

    private void FuzzReports(IEnumerable<int>? seeds)
    {
        var valid = ReportJson.Serialize(TestReports.Create());
        Fuzz("report", valid, path =>
        {
            try
            {
                var report = ReportFolderReader.ReadFile(path);

                // What the reader accepts, compare and the writers must handle.
                var comparison = ReportComparer.Compare([report], [report]);
                ComparisonMarkdownWriter.Render(comparison, []);
                ComparisonHtmlWriter.Render(comparison, []);
                MarkdownReportWriter.Render(report);
                SuiteSummaryMarkdownWriter.Render("fuzz", [report], [], comparison);
                return 0;
            }
            catch (IncompatibleReportException ex)
            {
                Assert.DoesNotContain('\n', ex.Message);
                Assert.StartsWith(path, ex.Message, StringComparison.Ordinal);
                return 1;
            }
        }, seeds);
    }

    private void Fuzz(string kind, string valid, Func<string, int> read, IEnumerable<int>? seeds = null) => Fuzz(kind, () => valid, read, seeds);

    /// <summary>
    /// Runs <see cref="InputsPerKind"/> mutations, the same ones every run (seeds from a fixed base, two threads);
    /// checks nothing but the input is in the folder afterwards. A failure names the seed that replays it.
    /// </summary>
    private void Fuzz(string kind, Func<string> valid, Func<string, int> read, IEnumerable<int>? seeds = null)
    {
        var folder = Directory.CreateDirectory(Path.Combine(_files.Root, kind)).FullName;
        int accepted = 0, refused = 0, problems = 0;
        var all = (seeds ?? Seeds()).ToList();
        Parallel.ForEach(all, new ParallelOptions { MaxDegreeOfParallelism = 2 }, seed =>
        {
            string text;
            lock (valid)
            {
                text = JsonMutator.Mutate(valid(), seed);
            }

            var path = Path.Combine(folder, $"{kind}-{Guid.NewGuid():N}.json");
            File.WriteAllText(path, text);
            int found;
            try
            {
                found = read(path);
            }
            catch (Exception ex) when (ex is not Xunit.Sdk.XunitException)
            {
                throw new InvalidOperationException($"{kind} mutated with seed {seed}: {ex.GetType().Name}: {ex.Message}", ex);
            }

            Interlocked.Add(ref problems, found);
            Interlocked.Increment(ref found == 0 ? ref accepted : ref refused);

            // Nothing but inputs (this one and those of the other thread) is ever in the folder.
            Assert.All(Directory.GetFileSystemEntries(folder), entry => Assert.Matches($@"{kind}-[0-9a-f]{{32}}\.json$", entry));
            File.Delete(path);
        });
        _output.WriteLine($"{kind}: {all.Count} mutated inputs, {accepted} accepted, {refused} refused with {problems} problem lines");
    }

    /// <summary>The fixed mutation seeds: a seeded generator's first <see cref="InputsPerKind"/> values.</summary>
    private static IEnumerable<int> Seeds()
    {
        var random = new Random(20_261_202);
        return Enumerable.Range(0, InputsPerKind).Select(_ => random.Next()).ToList();
    }

    private static void AssertOneLineEach(IReadOnlyList<InputProblem> problems, string path)
    {
        foreach (var problem in problems)
        {
            var line = problem.ToString();
            Assert.DoesNotContain('\n', line);
            Assert.DoesNotContain('\u001b', line);
            Assert.StartsWith(path, line, StringComparison.Ordinal);
        }
    }
}
