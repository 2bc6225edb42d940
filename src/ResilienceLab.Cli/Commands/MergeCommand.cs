using System.CommandLine;
using ResilienceLab.Harness.Input;
using ResilienceLab.Harness.Runs;
using Spectre.Console;

namespace ResilienceLab.Cli.Commands;

/// <summary><c>merge DIR... --out DIR</c>: the shards of every agent of one run, merged and judged as if one process had run it.</summary>
internal static class MergeCommand
{
    public static Command Create(CliConsole console)
    {
        var folders = new Argument<string[]>("DIR") { Description = "Agents' report folders (or their output folders) holding shard.json.", Arity = ArgumentArity.OneOrMore };
        var output = CommonOptions.Out();
        var command = new Command("merge", "Merge the shards of a run split across agents (--segment I/N) into one report, judged on all of them.")
        {
            folders, output,
        };
        command.SetAction((parse, cancellationToken) =>
        {
            IReadOnlyList<(string Path, Harness.Observations.RunShard Shard)> shards;
            try
            {
                shards = ShardMerger.Read(parse.GetValue(folders)!);
            }
            catch (InvalidInputException ex)
            {
                foreach (var problem in ex.Problems)
                {
                    console.WriteError($"error: {problem}");
                }

                return Task.FromResult(ExitCodes.InvalidInput);
            }

            var outDirectory = parse.GetValue(output)!;
            var scenario = Path.GetFileNameWithoutExtension(shards[0].Shard.ScenarioFile);
            if (OutputChecks.Refused(console, "--out", OutputChecks.ReportFolders(outDirectory, shards[0].Shard.Observations.Scenario)))
            {
                return Task.FromResult(ExitCodes.InvalidInput);
            }

            using var locks = OutputChecks.Lock(console, outDirectory, shards[0].Shard.Observations.Scenario);
            if (locks is null)
            {
                return Task.FromResult(ExitCodes.InvalidInput);
            }

            RunOutcome outcome;
            try
            {
                outcome = ShardMerger.Merge(shards, outDirectory);
            }
            catch (InvalidInputException ex)
            {
                foreach (var problem in ex.Problems)
                {
                    console.WriteError($"error: {problem}");
                }

                return Task.FromResult(ExitCodes.InvalidInput);
            }

            console.Output.WriteLine($"merged {shards.Count} shard(s) of {scenario} (run {shards[0].Shard.Observations.RunId})");
            RunSummaryPrinter.Print(console, outcome);
            return Task.FromResult(ExitCodes.For(outcome.Report.Verdict));
        });
        return command;
    }
}
