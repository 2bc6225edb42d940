using System.CommandLine;
using ResilienceLab.Harness.Input;
using ResilienceLab.Harness.Runs;
using ResilienceLab.Harness.SharedDependencies;
using Spectre.Console;

namespace ResilienceLab.Cli.Commands;

/// <summary><c>merge DIR... --out DIR</c>: the shards of every agent of one run, merged and judged as if one process had run it.</summary>
internal static class MergeCommand
{
    public static Command Create(CliConsole console)
    {
        var folders = new Argument<string[]>("DIR") { Description = "Agents' report folders (or their output folders) holding shard.json.", Arity = ArgumentArity.OneOrMore };
        var output = CommonOptions.Out();
        var dependencies = new Option<string?>("--dependencies") { Description = $"The dependency host the agents called: its URL, or its {Harness.Observations.DependencyHostRecords.FileName}; arrivals and HTTP faults are then the host's." };
        var command = new Command("merge", "Merge the shards of a run split across agents (--segment I/N) into one report, judged on all of them.")
        {
            folders, output, dependencies,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            IReadOnlyList<(string Path, Harness.Observations.RunShard Shard)> shards;
            Harness.Observations.DependencyHostRecords? host;
            try
            {
                shards = ShardMerger.Read(parse.GetValue(folders)!);
                host = parse.GetValue(dependencies) is { } source
                    ? await DependencyHostClient.ReadRecordsAsync(source, "--dependencies", TimeProvider.System, cancellationToken).ConfigureAwait(false)
                    : null;
                CheckHost(shards, host);
            }
            catch (InvalidInputException ex)
            {
                foreach (var problem in ex.Problems)
                {
                    console.WriteError($"error: {problem}");
                }

                return ExitCodes.InvalidInput;
            }

            var outDirectory = parse.GetValue(output)!;
            var scenario = Path.GetFileNameWithoutExtension(shards[0].Shard.ScenarioFile);
            if (OutputChecks.Refused(console, "--out", OutputChecks.ReportFolders(outDirectory, shards[0].Shard.Observations.Scenario)))
            {
                return ExitCodes.InvalidInput;
            }

            using var locks = OutputChecks.Lock(console, outDirectory, shards[0].Shard.Observations.Scenario);
            if (locks is null)
            {
                return ExitCodes.InvalidInput;
            }

            RunOutcome outcome;
            try
            {
                outcome = ShardMerger.Merge(shards, outDirectory, host);
            }
            catch (InvalidInputException ex)
            {
                foreach (var problem in ex.Problems)
                {
                    console.WriteError($"error: {problem}");
                }

                return ExitCodes.InvalidInput;
            }

            console.Output.WriteLine($"merged {shards.Count} shard(s) of {scenario} (run {shards[0].Shard.Observations.RunId})");
            RunSummaryPrinter.Print(console, outcome);
            return ExitCodes.For(outcome.Report.Verdict);
        });
        return command;
    }

    /// <summary>Shards of agents that called a dependency host need its records (the agents saw none of its servers' arrivals), and only that scenario's.</summary>
    private static void CheckHost(IReadOnlyList<(string Path, Harness.Observations.RunShard Shard)> shards, Harness.Observations.DependencyHostRecords? host)
    {
        var hosted = shards.FirstOrDefault(s => s.Shard.DependencyHost is not null);
        if (host is null && hosted.Shard is not null)
        {
            throw new InvalidInputException([new InputProblem(hosted.Path, "dependency_host", $"the agents called the dependency host at {hosted.Shard.DependencyHost}: pass merge --dependencies with its URL or its {Harness.Observations.DependencyHostRecords.FileName}")]);
        }

        if (host is not null && host.Scenario != shards[0].Shard.Observations.Scenario)
        {
            throw new InvalidInputException([new InputProblem("--dependencies", string.Empty, $"the host ran scenario {Load.InputText.Quote(host.Scenario)}, the shards {Load.InputText.Quote(shards[0].Shard.Observations.Scenario)}")]);
        }
    }
}
