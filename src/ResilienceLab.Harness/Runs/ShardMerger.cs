using System.Text.Json;
using ResilienceLab.Harness.Configuration;
using ResilienceLab.Harness.Input;
using ResilienceLab.Harness.Observations;
using ResilienceLab.Harness.Scenarios;
using ResilienceLab.Load;
using ResilienceLab.Reporting.Writers;

namespace ResilienceLab.Harness.Runs;

/// <summary>
/// <c>merge</c>: the shards of one run (each agent's <c>shard.json</c>) read, checked to be the complete set of one run's
/// segments, merged into one set of observations, and judged and written as if one process had run it.
/// </summary>
public static class ShardMerger
{
    /// <summary>The shard files under <paramref name="folders"/> (each a report folder, or an output folder of scenario folders).</summary>
    /// <exception cref="InvalidInputException">A folder holds no shard, a shard is unreadable, or the shards are not one run's complete set.</exception>
    public static IReadOnlyList<(string Path, RunShard Shard)> Read(IReadOnlyList<string> folders)
    {
        ArgumentNullException.ThrowIfNull(folders);
        var problems = new List<InputProblem>();
        var shards = new List<(string Path, RunShard Shard)>();
        foreach (var folder in folders)
        {
            var files = File.Exists(folder) ? [folder]
                : Directory.Exists(folder) ? Directory.GetFiles(folder, RunShard.FileName, SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToArray()
                : [];
            if (files.Length == 0)
            {
                problems.Add(new InputProblem(folder, string.Empty, $"no {RunShard.FileName} here (run each agent with --segment I/N to write one)"));
                continue;
            }

            foreach (var file in files)
            {
                try
                {
                    var shard = ShardJson.Deserialize(File.ReadAllText(file));
                    if (shard.SchemaVersion != RunShard.CurrentSchemaVersion)
                    {
                        problems.Add(new InputProblem(file, "schema_version", $"{shard.SchemaVersion} is not this version's {RunShard.CurrentSchemaVersion}"));
                        continue;
                    }

                    shards.Add((file, shard));
                }
                catch (Exception ex) when (ex is JsonException or IOException or UnauthorizedAccessException or NotSupportedException)
                {
                    problems.Add(new InputProblem(file, string.Empty, $"not a readable shard: {InputText.Excerpt(ex.Message)}"));
                }
            }
        }

        if (problems.Count == 0)
        {
            problems.AddRange(CheckOneRun(shards));
        }

        if (problems.Count > 0)
        {
            throw new InvalidInputException(problems);
        }

        return shards;
    }

    /// <summary>Merges the shards, builds and judges the report and writes the report folder under <paramref name="outDirectory"/>.</summary>
    public static RunOutcome Merge(IReadOnlyList<(string Path, RunShard Shard)> shards, string outDirectory) => Merge(shards, outDirectory, null);

    /// <summary>As <see cref="Merge(IReadOnlyList{ValueTuple{string, RunShard}}, string)"/>; arrivals and HTTP faults from the dependency host the agents called.</summary>
    public static RunOutcome Merge(IReadOnlyList<(string Path, RunShard Shard)> shards, string outDirectory, DependencyHostRecords? host)
    {
        ArgumentNullException.ThrowIfNull(shards);
        var first = shards[0].Shard;
        var config = ConfigReader.Read(first.ConfigFile, first.ConfigSource);
        var scenario = ScenarioReader.Read(first.ScenarioFile, config, first.ScenarioSource);
        if (first.Quick)
        {
            scenario = ScenarioReader.Quick(scenario);
        }

        var observations = ObservationsMerge.Merge([.. shards.Select(s => s.Shard.Observations)]);
        if (host is not null)
        {
            observations = DependencyHostMerge.Apply(observations, host);
        }

        var report = RunReportBuilder.Build(scenario, observations);
        var directory = ReportFolderWriter.Write(outDirectory, report, PercentileDistributionWriter.Files(observations.Load?.Latency, observations.Load?.ServiceTime));
        return new RunOutcome(report, directory) { Observations = observations };
    }

    private static IEnumerable<InputProblem> CheckOneRun(List<(string Path, RunShard Shard)> shards)
    {
        if (shards.Count == 0)
        {
            yield break;
        }

        var (firstPath, first) = shards[0];
        foreach (var (path, shard) in shards.Skip(1))
        {
            if (shard.Observations.RunId != first.Observations.RunId)
            {
                yield return new InputProblem(path, "observations.run_id", $"'{InputText.Excerpt(shard.Observations.RunId)}' is another run than {firstPath}'s '{InputText.Excerpt(first.Observations.RunId)}' (agents of one run share --run-id)");
            }

            if (shard.ScenarioSource != first.ScenarioSource || shard.ConfigSource != first.ConfigSource || shard.Quick != first.Quick)
            {
                yield return new InputProblem(path, string.Empty, $"ran another scenario, config or --quick than {firstPath}");
            }
        }

        var segments = shards.Select(s => (s.Path, Segment: ExecutionSegment.Parse(s.Shard.Segment, out _))).ToList();
        foreach (var (path, _) in segments.Where(s => s.Segment is null))
        {
            yield return new InputProblem(path, "segment", "not a segment I/N");
        }

        foreach (var problem in SegmentSet.Problems([.. segments.Where(s => s.Segment is not null).Select(s => (s.Path, s.Segment!.Value))], "segment", "agent's shard"))
        {
            yield return problem;
        }
    }
}
