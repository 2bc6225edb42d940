using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using ResilienceLab.Harness.Input;
using ResilienceLab.Load;
using ResilienceLab.Load.Http;
using ResilienceLab.Reporting.Writers;

namespace ResilienceLab.Cli.Commands;

/// <summary>
/// <c>load merge FILE... [--json FILE] [--threshold ...]</c>: the <c>--json</c> results of every agent of one load split
/// across agents, added up (HdrHistograms added), printed and judged as one load.
/// </summary>
internal static class LoadMergeCommand
{
    public static Command Create(CliConsole console)
    {
        var files = new Argument<string[]>("FILE") { Description = "Each agent's load --json file (load --segment I/N).", Arity = ArgumentArity.OneOrMore };
        var json = new Option<string?>("--json") { Description = "Also write the merged summary as JSON to this file." };
        var thresholds = new Option<string[]>("--threshold") { Description = "A criterion the merged load must hold, as for load (repeatable).", Arity = ArgumentArity.ZeroOrMore };
        var command = new Command("merge", "Add up the --json results of every agent of a load split across agents (load --segment I/N).")
        {
            files, json, thresholds,
        };
        command.SetAction(parse =>
        {
            if (LoadCommand.ReadThresholds(console, parse.GetValue(thresholds)) is not { } criteria)
            {
                return ExitCodes.InvalidInput;
            }

            List<(HttpLoadOptions Options, LoadResult Result)> agents;
            try
            {
                agents = Read(parse.GetValue(files)!);
            }
            catch (InvalidInputException ex)
            {
                return Problems.Print(console, ex);
            }

            if (parse.GetValue(json) is { } jsonPath && OutputChecks.Refused(console, "--json", WritableLocation.FileProblem(jsonPath)))
            {
                return ExitCodes.InvalidInput;
            }

            var first = agents[0].Options;
            var options = first with
            {
                Segment = ExecutionSegment.Whole,
                Connections = agents.Sum(a => a.Options.EffectiveConnections),
            };
            console.Output.Profile.Out.Writer.WriteLine($"merged {agents.Count} agent(s) of load {first.Url}");
            return LoadCommand.Report(console, options, LoadResultMerge.Merge([.. agents.Select(a => a.Result)]), criteria, parse.GetValue(json));
        });
        return command;
    }

    /// <summary>The agents' results, checked to be one load's complete set of segments.</summary>
    private static List<(HttpLoadOptions Options, LoadResult Result)> Read(IReadOnlyList<string> files)
    {
        var problems = new List<InputProblem>();
        var agents = new List<(string File, HttpLoadOptions Options, LoadResult Result)>();
        foreach (var file in files)
        {
            try
            {
                var node = JsonNode.Parse(File.ReadAllText(file)) as JsonObject ?? throw new JsonException("not a JSON object");
                var result = Result(node);
                var histograms = result.Timeline.Select(t => t.Histograms).Prepend(result.Histograms);
                foreach (var encoded in histograms.SelectMany(h => new[] { h.Latency, h.ServiceTime, h.ScheduleLag }).Where(h => h is not null))
                {
                    HistogramCodec.Decode(encoded!);
                }

                if (result.Timeline.Where((second, index) => second.Second != index).Any())
                {
                    throw new JsonException("timeline: the seconds are not 0, 1, 2, ... in order");
                }

                agents.Add((file, Options(node), result));
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or JsonException or InvalidOperationException or FormatException or ArgumentException)
            {
                problems.Add(new InputProblem(file, string.Empty, $"not a load --json result: {InputText.Excerpt(ex.Message)}"));
            }
        }

        if (problems.Count == 0)
        {
            var (firstFile, first, _) = agents[0];
            foreach (var (file, options, _) in agents.Skip(1).Where(a => a.Options.Url != first.Url || a.Options.Duration != first.Duration || a.Options.Rate != first.Rate || a.Options.VirtualUsers != first.VirtualUsers || a.Options.Segment.Count != first.Segment.Count))
            {
                problems.Add(new InputProblem(file, string.Empty, $"another load than {firstFile} (url, rate, virtual users, duration and the split must match)"));
            }

            if (problems.Count == 0)
            {
                problems.AddRange(SegmentSet.Problems([.. agents.Select(a => (a.File, a.Options.Segment))], "segment", "agent's result"));
            }
        }

        return problems.Count > 0 ? throw new InvalidInputException(problems) : [.. agents.Select(a => (a.Options, a.Result))];
    }

    private static HttpLoadOptions Options(JsonObject node)
    {
        var segment = node["segment"]?.GetValue<string>() is { } text
            ? ExecutionSegment.Parse(text, out var error) ?? throw new FormatException($"segment: {error}")
            : ExecutionSegment.Whole;
        return new HttpLoadOptions(new Uri(Required(node, "url").GetValue<string>()), TimeSpan.FromSeconds(Required(node, "duration_s").GetValue<double>()))
        {
            Rate = node["target_rate"]?.GetValue<double>(),
            VirtualUsers = node["vus"]?.GetValue<int>(),
            Connections = node["connections"]?.GetValue<int>(),
            Segment = segment,
        };
    }

    private static LoadResult Result(JsonObject node)
    {
        var failures = Failures(node);
        var summary = new LoadSummary(
            Required(node, "started").GetValue<long>(),
            Required(node, "ok").GetValue<long>(),
            Required(node, "failed").GetValue<long>(),
            Required(node, "dropped").GetValue<long>(),
            Required(node, "requests_per_second").GetValue<double>(),
            LatencyPercentiles.Empty,
            LatencyPercentiles.Empty,
            failures);
        // A file without a timeline (written before it was kept) still merges; the merged result then has none.
        var timeline = (node["timeline"] as JsonArray)?.Select(s => Second(s as JsonObject ?? throw new JsonException("timeline: a second is not a JSON object"))).ToList() ?? [];
        return new LoadResult(TimeSpan.FromSeconds(Required(node, "elapsed_s").GetValue<double>()), summary, timeline, node["cancelled"]?.GetValue<bool>() ?? false)
        {
            Histograms = Histograms(node),
        };
    }

    // Percentiles are not read back: the merge reads them again from the added histograms.
    private static TimelineSecond Second(JsonObject node) => new(
        Required(node, "second").GetValue<int>(),
        Required(node, "started").GetValue<long>(),
        Required(node, "ok").GetValue<long>(),
        Required(node, "failed").GetValue<long>(),
        Failures(node),
        Required(node, "dropped").GetValue<long>(),
        Required(node, "in_flight").GetValue<int>(),
        LatencyPercentiles.Empty,
        LatencyPercentiles.Empty)
    {
        IsWarmUp = node["warm_up"]?.GetValue<bool>() ?? false,
        Histograms = Histograms(node),
    };

    private static IntervalHistograms Histograms(JsonObject node)
    {
        var histograms = Required(node, "histograms");
        return new IntervalHistograms(histograms["latency"]?.GetValue<string>(), histograms["service_time"]?.GetValue<string>(), histograms["schedule_lag"]?.GetValue<string>());
    }

    private static SortedDictionary<string, long> Failures(JsonObject node) =>
        new((node["failed_by_reason"] as JsonObject)?.ToDictionary(f => f.Key, f => f.Value!.GetValue<long>(), StringComparer.Ordinal) ?? [], StringComparer.Ordinal);

    private static JsonNode Required(JsonObject node, string name) => node[name] ?? throw new JsonException($"no {name} (written by an older version?)");
}
