using System.CommandLine;
using System.Globalization;
using ResilienceLab.Harness.Input;
using ResilienceLab.Load;

namespace ResilienceLab.Cli.Commands;

/// <summary>
/// The options of one agent of a run split across agents: <c>--segment I/N</c>, <c>--start-at</c> (the wall-clock
/// instant every agent starts the measured run at) and <c>--run-id</c> (shared, so messages and shards belong together).
/// </summary>
internal sealed class SegmentOptions
{
    public Option<string?> Segment { get; } = new("--segment") { Description = "This agent's share of a run split across agents: I/N (agent I of N); writes shard.json for merge." };

    public Option<string?> StartAt { get; } = new("--start-at") { Description = "Wall-clock instant the measured run starts, shared by all agents: ISO 8601 (2026-12-02T10:00:00Z) or +SECONDS from now." };

    public Option<string?> RunId { get; } = new("--run-id") { Description = "The run's id, shared by all its agents (default: a new one; needed with --segment)." };

    public IEnumerable<Option> All => [Segment, StartAt, RunId];

    /// <summary>The three values, or the problems with them (naming the option); <paramref name="runIdRequired"/> false for a command without messages (load).</summary>
    public (ExecutionSegment Segment, DateTimeOffset? StartAt, string? RunId) Read(ParseResult parse, TimeProvider time, bool runIdRequired = true)
    {
        var problems = new List<InputProblem>();
        var segment = ExecutionSegment.Whole;
        if (parse.GetValue(Segment) is { } text)
        {
            if (ExecutionSegment.Parse(text, out var error) is { } parsed)
            {
                segment = parsed;
            }
            else
            {
                problems.Add(new InputProblem("--segment", string.Empty, $"{InputText.Quote(text)}: {error}"));
            }
        }

        DateTimeOffset? startAt = null;
        if (parse.GetValue(StartAt) is { } at)
        {
            if (at.StartsWith('+') && double.TryParse(at[1..], NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds is >= 0 and <= 86_400)
            {
                startAt = time.GetUtcNow().AddSeconds(seconds);
            }
            else if (DateTimeOffset.TryParse(at, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant))
            {
                startAt = instant;
            }
            else
            {
                problems.Add(new InputProblem("--start-at", string.Empty, $"{InputText.Quote(at)} is not an instant: ISO 8601 (2026-12-02T10:00:00Z) or +SECONDS from now"));
            }
        }

        var runId = parse.GetValue(RunId);
        if (runId is not null && (runId.Length is 0 or > 100 || !runId.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')))
        {
            problems.Add(new InputProblem("--run-id", string.Empty, $"{InputText.Quote(runId)}: letters, digits, '.', '_' and '-', at most 100"));
        }

        if (!segment.IsWhole && runId is null && runIdRequired)
        {
            problems.Add(new InputProblem("--run-id", string.Empty, "required with --segment: every agent of the run passes the same id"));
        }

        if (problems.Count > 0)
        {
            throw new InvalidInputException(problems);
        }

        return (segment, startAt, runId);
    }

    /// <summary>An agent's exit: its share judges nothing alone (the verdict is the merged run's), so 0 unless it was aborted.</summary>
    public static int AgentExit(CliConsole console, ExecutionSegment segment, string reportDirectory, Reporting.Model.Verdict verdict)
    {
        console.Output.Profile.Out.Writer.WriteLine($"segment {segment}: {Path.Combine(reportDirectory, Harness.Observations.RunShard.FileName)} written; merge the agents' folders for the verdict (resilience-lab merge DIR...)");
        return verdict == Reporting.Model.Verdict.Aborted ? ExitCodes.Aborted : ExitCodes.Contained;
    }
}
