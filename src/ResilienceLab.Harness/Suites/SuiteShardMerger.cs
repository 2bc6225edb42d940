using System.Text.Json;
using ResilienceLab.Harness.Input;
using ResilienceLab.Harness.Runs;
using ResilienceLab.Load;
using ResilienceLab.Reporting.Comparison;
using ResilienceLab.Reporting.Model;

namespace ResilienceLab.Harness.Suites;

/// <summary>
/// <c>gate merge</c>: the output folders of every shard of one sharded gate (<c>gate --shard I/N</c>) joined into one:
/// each scenario's report folder copied in, one summary.md, summary.html and junit.xml over the whole suite, and the
/// outcome the gate would have had (a scenario whose report is missing counts as not run).
/// </summary>
public static class SuiteShardMerger
{
    /// <summary>The shards' records, checked to be one suite's complete set of shards.</summary>
    /// <exception cref="InvalidInputException">A folder holds no gate-shard.json, one is unreadable, or the set is not one suite's complete set.</exception>
    public static IReadOnlyList<(string Folder, SuiteShard Shard)> Read(IReadOnlyList<string> folders)
    {
        ArgumentNullException.ThrowIfNull(folders);
        var problems = new List<InputProblem>();
        var shards = new List<(string Folder, SuiteShard Shard, ExecutionSegment Segment)>();
        foreach (var folder in folders)
        {
            var file = Path.Combine(folder, SuiteShard.FileName);
            try
            {
                var shard = SuiteShardJson.Deserialize(File.ReadAllText(file));
                if (shard.SchemaVersion != SuiteShard.CurrentSchemaVersion || shard.Scenarios is null || shard.Suite is null)
                {
                    problems.Add(new InputProblem(file, "schema_version", $"{shard.SchemaVersion} is not this version's {SuiteShard.CurrentSchemaVersion}"));
                }
                else if (ExecutionSegment.Parse(shard.Shard, out var error) is not { } segment)
                {
                    problems.Add(new InputProblem(file, "shard", $"{InputText.Quote(shard.Shard)}: {error}"));
                }
                else
                {
                    shards.Add((folder, shard, segment));
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                problems.Add(new InputProblem(folder, string.Empty, $"no readable {SuiteShard.FileName} here (run each shard with gate --shard I/N): {InputText.Excerpt(ex.Message)}"));
            }
            catch (Exception ex) when (ex is JsonException or NotSupportedException)
            {
                problems.Add(new InputProblem(file, string.Empty, $"not a gate shard: {InputText.Excerpt(ex.Message)}"));
            }
        }

        if (problems.Count == 0 && shards.Count > 0)
        {
            var first = shards[0];
            foreach (var other in shards.Skip(1).Where(s => s.Shard.Suite != first.Shard.Suite || !s.Shard.Scenarios.SequenceEqual(first.Shard.Scenarios) || s.Segment.Count != first.Segment.Count))
            {
                problems.Add(new InputProblem(Path.Combine(other.Folder, SuiteShard.FileName), string.Empty, $"another suite or another split than {first.Folder} ({other.Shard.Suite} {other.Shard.Shard}, {first.Shard.Suite} {first.Shard.Shard})"));
            }

            if (problems.Count == 0)
            {
                problems.AddRange(SegmentSet.Problems([.. shards.Select(s => (s.Folder, s.Segment))], "shard", "shard's output"));
            }
        }

        return problems.Count > 0
            ? throw new InvalidInputException(problems)
            : [.. shards.OrderBy(s => s.Segment.Index).Select(s => (s.Folder, s.Shard))];
    }

    /// <summary>Copies the scenarios' report folders into <paramref name="outDirectory"/> and writes the suite's summary there.</summary>
    /// <exception cref="IncompatibleReportException">A scenario's report.json is unreadable.</exception>
    public static SuiteOutcome Merge(IReadOnlyList<(string Folder, SuiteShard Shard)> shards, string outDirectory)
    {
        ArgumentNullException.ThrowIfNull(shards);
        var first = shards[0].Shard;
        var count = shards.Count;
        var runs = new List<RunOutcome>();
        var notRun = new List<string>();
        for (var i = 0; i < first.Scenarios.Count; i++)
        {
            var scenario = first.Scenarios[i];
            var source = Path.Combine(shards[i % count].Folder, scenario);
            var report = Path.Combine(source, ReportFolderReader.ReportFileName);
            if (!File.Exists(report))
            {
                notRun.Add(scenario);
                continue;
            }

            var read = ReportFolderReader.ReadFile(report);
            var target = Path.Combine(outDirectory, scenario);
            Copy(source, target);
            runs.Add(new RunOutcome(read, target));
        }

        var suite = new Suite { Name = first.Suite, SourceFile = Path.Combine(shards[0].Folder, SuiteShard.FileName), Scenarios = first.Scenarios };
        var reports = runs.Select(r => r.Report).ToList();
        SuiteSummaryFiles.Write(outDirectory, suite.Name, reports, notRun, comparison: null);
        return new SuiteOutcome(suite, runs, null, outDirectory) { ShardsRegressed = shards.Any(s => s.Shard.Regressed) };
    }

    /// <summary>A report folder copied whole: into a hidden folder first, then moved into place.</summary>
    private static void Copy(string source, string target)
    {
        var temporary = Path.Combine(Path.GetDirectoryName(target)!, $".{Path.GetFileName(target)}.{Environment.ProcessId}.copy");
        if (Directory.Exists(temporary))
        {
            Directory.Delete(temporary, recursive: true);
        }

        foreach (var file in Directory.GetFiles(source, "*", SearchOption.AllDirectories))
        {
            var to = Path.Combine(temporary, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(to)!);
            File.Copy(file, to);
        }

        if (Directory.Exists(target))
        {
            Directory.Delete(target, recursive: true);
        }

        Directory.Move(temporary, target);
    }
}
