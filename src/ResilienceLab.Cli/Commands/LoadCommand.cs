using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using ResilienceLab.Load;
using ResilienceLab.Load.Http;
using ResilienceLab.Reporting.Writers;
using Spectre.Console;

namespace ResilienceLab.Cli.Commands;

/// <summary><c>load --url URL (--rate R | --vus N) --duration D [--connections C] [--json FILE] [--allow-remote]</c>: a plain HTTP GET load.</summary>
internal static class LoadCommand
{
    private static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = true };

    public static Command Create(CliConsole console)
    {
        var url = new Option<string>("--url") { Description = "The URL to GET.", Required = true };
        var rate = new Option<double?>("--rate") { Description = "Requests per second, started on schedule (open model)." };
        var vus = new Option<int?>("--vus") { Description = "Virtual users sending back to back (closed model)." };
        var duration = new Option<string>("--duration") { Description = "How long, e.g. 10s, 1m, 500ms.", Required = true };
        var connections = new Option<int?>("--connections") { Description = "Connections to the server (default: the virtual users, else 100)." };
        var timeout = new Option<string?>("--timeout") { Description = "Per-request timeout (default 10s)." };
        var json = new Option<string?>("--json") { Description = "Also write the summary as JSON to this file." };
        var allowRemote = new Option<bool>("--allow-remote") { Description = "Allow a target that is not this machine." };
        var client = new Option<string?>("--client") { Description = "auto (default: the lean HTTP/1.1 client for http://, HttpClient for https://), http1 or httpclient." };
        var thresholds = new Option<string[]>("--threshold")
        {
            Description = "A criterion that must hold, e.g. \"p99<50ms\", \"error_rate<0.01\", \"rps>=100\" (repeatable); exit 1 when one is crossed.",
            Arity = ArgumentArity.ZeroOrMore,
        };

        var segments = new SegmentOptions();
        var command = new Command("load", "Applies a plain HTTP GET load to one URL and prints the latency and throughput it saw.");
        foreach (var option in new Option[] { url, rate, vus, duration, connections, timeout, client, json, allowRemote, thresholds, segments.Segment, segments.StartAt })
        {
            command.Options.Add(option);
        }

        command.Subcommands.Add(LoadMergeCommand.Create(console));

        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var error = TryReadOptions(parseResult.GetValue(url), parseResult.GetValue(rate), parseResult.GetValue(vus),
                parseResult.GetValue(duration), parseResult.GetValue(connections), parseResult.GetValue(timeout),
                parseResult.GetValue(allowRemote), out var options, parseResult.GetValue(client));
            if (error is not null)
            {
                console.WriteError($"error: {error}");
                return ExitCodes.InvalidInput;
            }

            try
            {
                var (segment, startAt, _) = segments.Read(parseResult, TimeProvider.System, runIdRequired: false);
                options = options! with { Segment = segment, StartAt = startAt };
            }
            catch (Harness.Input.InvalidInputException ex)
            {
                return Problems.Print(console, ex);
            }

            if (ReadThresholds(console, parseResult.GetValue(thresholds)) is not { } criteria)
            {
                return ExitCodes.InvalidInput;
            }

            if (parseResult.GetValue(json) is { } jsonPath && OutputChecks.Refused(console, "--json", WritableLocation.FileProblem(jsonPath)))
            {
                return ExitCodes.InvalidInput;
            }

            return await RunAsync(console, options!, criteria, parseResult.GetValue(json), cancellationToken).ConfigureAwait(false);
        });
        return command;
    }

    /// <summary>The <c>--threshold</c> criteria, or null after printing why one is not a criterion.</summary>
    internal static List<LoadThreshold>? ReadThresholds(CliConsole console, IEnumerable<string>? texts)
    {
        var criteria = new List<LoadThreshold>();
        foreach (var text in texts ?? [])
        {
            if (!LoadThreshold.TryParse(text, out var threshold, out var why))
            {
                console.WriteError($"error: --threshold: {why}");
                return null;
            }

            criteria.Add(threshold!);
        }

        return criteria;
    }

    internal static string? TryReadOptions(string? url, double? rate, int? vus, string? duration, int? connections, string? timeout,
        bool allowRemote, out HttpLoadOptions? options, string? client = null)
    {
        options = null;
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            return $"--url {InputText.Quote(url)} is not an absolute http or https URL";
        }

        if (!allowRemote && !LoopbackGuard.IsLoopback(uri))
        {
            return $"--url host {InputText.Quote(uri.Host)} is not this machine (127.0.0.0/8, ::1, localhost); pass --allow-remote to load a remote host";
        }

        if (rate is null == vus is null)
        {
            return "give exactly one of --rate (requests per second) or --vus (virtual users)";
        }

        if (rate is { } r && (r <= 0 || double.IsNaN(r) || double.IsInfinity(r) || r > LoadPlanValidator.MaxRatePerSecond))
        {
            return $"--rate must be above 0 and at most {LoadPlanValidator.MaxRatePerSecond:0}, was {r.ToString(CultureInfo.InvariantCulture)}";
        }

        if (vus is <= 0 or > LoadPlanValidator.MaxCopies)
        {
            return $"--vus must be between 1 and {LoadPlanValidator.MaxCopies}, was {vus}";
        }

        if (connections is <= 0 or > LoadPlanValidator.MaxCopies)
        {
            return $"--connections must be between 1 and {LoadPlanValidator.MaxCopies}, was {connections}";
        }

        if (!DurationParser.TryParse(duration, out var length, out var durationError))
        {
            return $"--duration: {durationError}";
        }

        if (length <= TimeSpan.Zero)
        {
            return "--duration must be positive";
        }

        var requestTimeout = TimeSpan.FromSeconds(10);
        if (timeout is not null && (!DurationParser.TryParse(timeout, out requestTimeout, out var timeoutError) || requestTimeout <= TimeSpan.Zero))
        {
            return $"--timeout: {(requestTimeout <= TimeSpan.Zero ? "must be positive" : timeoutError)}";
        }

        HttpLoadClientKind? kind = client switch
        {
            null or "auto" => HttpLoadClientKind.Auto,
            "http1" => HttpLoadClientKind.Http1,
            "httpclient" => HttpLoadClientKind.HttpClient,
            _ => null,
        };
        if (kind is null || (kind == HttpLoadClientKind.Http1 && uri.Scheme != Uri.UriSchemeHttp))
        {
            return kind is null
                ? $"--client {InputText.Quote(client)} is not one of auto, http1, httpclient"
                : "--client http1 speaks plain http:// only; use httpclient (or auto) for https://";
        }

        options = new HttpLoadOptions(uri, length) { Rate = rate, VirtualUsers = vus, Connections = connections, RequestTimeout = requestTimeout, Client = kind.Value };
        return null;
    }

    private static async Task<int> RunAsync(CliConsole console, HttpLoadOptions options, IReadOnlyList<LoadThreshold> thresholds, string? jsonPath, CancellationToken cancellationToken)
    {
        var mode = options.Rate is { } r ? $"{r.ToString("0.###", CultureInfo.InvariantCulture)} requests/s" : $"{options.VirtualUsers} virtual users";
        var client = options.EffectiveClient == HttpLoadClientKind.Http1 ? "http1" : "httpclient";
        console.Output.WriteLine($"load {options.Url} at {mode} for {DurationParser.Format(options.Duration)} over {options.EffectiveConnections} connections ({client} client)");
        if (!options.Segment.IsWhole)
        {
            console.Output.WriteLine($"segment {options.Segment}{(options.StartAt is { } at ? $", starting at {at:O}" : string.Empty)}: this agent's share of the load; join the agents' --json files with load merge");
        }

        using var test = new HttpLoadTest(options, TimeProvider.System);
        var result = await test.RunAsync(new LoadProgressLines(console), cancellationToken).ConfigureAwait(false);
        return Report(console, options, result, thresholds, jsonPath);
    }

    /// <summary>Prints the result and the thresholds, writes <paramref name="jsonPath"/> when given; the exit code.</summary>
    internal static int Report(CliConsole console, HttpLoadOptions options, LoadResult result, IReadOnlyList<LoadThreshold> thresholds, string? jsonPath)
    {
        WriteTable(console, result);
        var judged = thresholds.Select(t => (Threshold: t, Observed: t.Observe(result.Summary))).Select(j => (j.Threshold, j.Observed, Holds: j.Threshold.Holds(j.Observed))).ToList();
        foreach (var (threshold, observed, holds) in judged)
        {
            var seen = observed is { } o ? o.ToString("0.###", CultureInfo.InvariantCulture) + (threshold.Metric is "error_rate" or "rps" ? string.Empty : " ms") : "not observed";
            console.Output.WriteLine($"threshold {threshold.Expression}: {(holds ? "ok" : "CROSSED")} (observed {seen})");
        }

        var everyRequestFailed = result.Summary.Started > 0 && result.Summary.Ok == 0;
        if (everyRequestFailed)
        {
            console.WriteError($"error: every request failed ({string.Join(", ", result.Summary.FailedByReason.Select(r => $"{r.Key}: {r.Value}"))})");
        }

        if (jsonPath is not null)
        {
            try
            {
                var summaryJson = ToJson(options, result);
                summaryJson["thresholds"] = new JsonArray([.. judged.Select(j => (JsonNode)new JsonObject { ["expression"] = j.Threshold.Expression, ["observed"] = j.Observed, ["passed"] = j.Holds })]);
                WriteJsonAtomically(jsonPath, summaryJson);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                return OutputChecks.WriteFailed(console, jsonPath, ex.Message);
            }

            console.Output.WriteLine($"summary written to {jsonPath}");
        }

        // Cancelled first (3); then a load in which nothing succeeded or a crossed threshold (1).
        return result.Cancelled ? ExitCodes.Aborted
            : everyRequestFailed || judged.Any(j => !j.Holds) ? ExitCodes.NotContained
            : ExitCodes.Contained;
    }

    private static void WriteTable(CliConsole console, LoadResult result)
    {
        var s = result.Summary;
        var table = new Table().AddColumn("metric").AddColumn(new TableColumn("value").RightAligned());
        table.AddRow("started", s.Started.ToString("N0", CultureInfo.InvariantCulture));
        table.AddRow("ok", s.Ok.ToString("N0", CultureInfo.InvariantCulture));
        table.AddRow("failed", s.Failed.ToString("N0", CultureInfo.InvariantCulture));
        table.AddRow("dropped", s.Dropped.ToString("N0", CultureInfo.InvariantCulture));
        table.AddRow("requests/s", s.RequestsPerSecond.ToString("0.0", CultureInfo.InvariantCulture));
        AddLatency(table, "latency", s.Latency);
        AddLatency(table, "service time", s.ServiceTime);
        table.AddRow("schedule lag p99", Ms(s.ScheduleLag.P99Ms));
        foreach (var (reason, count) in s.FailedByReason)
        {
            table.AddRow(Markup.Escape($"failed: {reason}"), count.ToString("N0", CultureInfo.InvariantCulture));
        }

        console.Output.Write(table);
        if (result.Cancelled)
        {
            console.Output.WriteLine("stopped early: the summary covers the part that ran");
        }
    }

    private static void AddLatency(Table table, string name, LatencyPercentiles latency)
    {
        table.AddRow($"{name} p50", Ms(latency.P50Ms));
        table.AddRow($"{name} p95", Ms(latency.P95Ms));
        table.AddRow($"{name} p99", Ms(latency.P99Ms));
        table.AddRow($"{name} max", Ms(latency.MaxMs));
        table.AddRow($"{name} mean", Ms(latency.MeanMs));
    }

    private static string Ms(double value) => value.ToString("0.000", CultureInfo.InvariantCulture) + " ms";

    private static JsonObject ToJson(HttpLoadOptions options, LoadResult result)
    {
        var s = result.Summary;
        var failures = new JsonObject();
        foreach (var (reason, count) in s.FailedByReason)
        {
            failures[reason] = count;
        }

        return new JsonObject
        {
            ["url"] = options.Url.ToString(),
            ["target_rate"] = options.Rate,
            ["vus"] = options.VirtualUsers,
            ["connections"] = options.EffectiveConnections,
            ["client"] = options.EffectiveClient == HttpLoadClientKind.Http1 ? "http1" : "httpclient",
            ["duration_s"] = options.Duration.TotalSeconds,
            ["elapsed_s"] = result.Elapsed.TotalSeconds,
            ["cancelled"] = result.Cancelled,
            ["started"] = s.Started,
            ["ok"] = s.Ok,
            ["failed"] = s.Failed,
            ["dropped"] = s.Dropped,
            ["requests_per_second"] = s.RequestsPerSecond,
            ["latency"] = ToJson(s.Latency),
            ["service_time"] = ToJson(s.ServiceTime),
            ["schedule_lag"] = ToJson(s.ScheduleLag),
            ["schedule_lag_p99_ms"] = s.ScheduleLag.P99Ms,
            ["failed_by_reason"] = failures,
            ["segment"] = options.Segment.ToString(),
            ["start_at"] = options.StartAt?.ToString("O", CultureInfo.InvariantCulture),
            // The run's HdrHistograms (compressed, base64): agents' results add up exactly with load merge.
            ["histograms"] = ToJson(result.Histograms),
            // Per second of the intended start, with that second's histograms, so agents' seconds add up too.
            ["timeline"] = new JsonArray([.. result.Timeline.Select(ToJson)]),
        };
    }

    private static JsonObject ToJson(TimelineSecond second)
    {
        var failures = new JsonObject();
        foreach (var (reason, count) in second.FailedByReason)
        {
            failures[reason] = count;
        }

        return new JsonObject
        {
            ["second"] = second.Second,
            ["warm_up"] = second.IsWarmUp,
            ["started"] = second.Started,
            ["ok"] = second.Ok,
            ["failed"] = second.Failed,
            ["dropped"] = second.Dropped,
            ["in_flight"] = second.InFlight,
            ["failed_by_reason"] = failures,
            ["latency"] = ToJson(second.Latency),
            ["service_time"] = ToJson(second.ServiceTime),
            ["schedule_lag"] = ToJson(second.ScheduleLag),
            ["histograms"] = ToJson(second.Histograms),
        };
    }

    private static JsonObject ToJson(IntervalHistograms histograms) => new()
    {
        ["latency"] = histograms.Latency,
        ["service_time"] = histograms.ServiceTime,
        ["schedule_lag"] = histograms.ScheduleLag,
    };

    private static JsonObject ToJson(LatencyPercentiles latency) => new()
    {
        ["p50_ms"] = latency.P50Ms,
        ["p95_ms"] = latency.P95Ms,
        ["p99_ms"] = latency.P99Ms,
        ["max_ms"] = latency.MaxMs,
        ["mean_ms"] = latency.MeanMs,
        ["count"] = latency.Count,
    };

    private static void WriteJsonAtomically(string path, JsonObject json)
    {
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var temporary = $"{full}.{Environment.ProcessId}.tmp";
        File.WriteAllText(temporary, json.ToJsonString(JsonOptions));
        File.Move(temporary, full, overwrite: true);
    }
}
