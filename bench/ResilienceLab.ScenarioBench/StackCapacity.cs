using System.Globalization;
using System.Text.Json;

namespace ResilienceLab.ScenarioBench;

/// <summary>
/// How fast the whole stack can go on this machine: breaker-storm (or --scenario) at rising rates, each judged as usual.
/// Prints per rate the verdict, the harness's figures in the fault window and the first harness signal over its limit,
/// then the highest rate at which the harness stayed healthy and the verdict was contained.
/// </summary>
internal static class StackCapacity
{
    public static int Run(BenchContext context)
    {
        var scenario = context.Text("--scenario") ?? "breaker-storm";
        var rates = (context.Text("--rates") ?? "250,500,1000,1500,2000,3000,4000,5000")
            .Split(',', StringSplitOptions.RemoveEmptyEntries).Select(r => int.Parse(r, CultureInfo.InvariantCulture)).ToList();
        TimeSpan? warmUp = null;
        if (context.Text("--warm-up") is { } warmUpText)
        {
            if (!Load.DurationParser.TryParse(warmUpText, out var parsed, out var error))
            {
                Console.Error.WriteLine($"--warm-up: {error}");
                return 2;
            }

            warmUp = parsed;
        }

        Console.WriteLine($"stack capacity: {scenario} at {string.Join(", ", rates)} workflows/s, {(context.Full ? "full length" : "--quick")}; {Environment.ProcessorCount} cores");
        Console.WriteLine(warmUp is { } w
            ? $"  each run warms up for {w.TotalSeconds:0.###} s at its rate (--warm-up) before anything is judged"
            : "  each run warms up as the scenario says (a quick run for a quarter of it)");
        Console.WriteLine("  each request queue gets workers enough to keep up with the rate, so its work is done during the run, not deferred to the drain after it");
        var rows = new List<string[]>();
        int? best = null;
        string? firstSignal = null;
        foreach (var rate in rates)
        {
            var json = context.Scaled(scenario, rate / context.PeakRate(scenario), rate);
            if (warmUp is { } wanted)
            {
                // A quick run scales every duration by the scenario's quick_scale: the file says what becomes `wanted`.
                var scale = context.Full ? 1 : json["quick_scale"]?.GetValue<double>() ?? 0.25;
                json["warm_up"] = $"{Math.Round(wanted.TotalMilliseconds / scale)}ms";
            }

            var config = context.Write($"config-{rate}.json", context.WorkersFor(rate));
            var run = ScenarioRun.Start(context, scenario, context.Write($"{scenario}-{rate}.json", json), config, $"r{rate}");
            var health = run.Report?.GetProperty("harness_health").GetProperty("windows").GetProperty("fault");
            // Signals over their limit in any judged window (the fault window, or the whole run a breaker check reads).
            var violations = run.Report?.GetProperty("harness_health").GetProperty("windows").EnumerateObject()
                .Where(w => w.Value.GetProperty("judged").GetBoolean())
                .SelectMany(w => w.Value.GetProperty("violations").EnumerateArray().Select(v => v.GetProperty("signal").GetString()!))
                .Distinct(StringComparer.Ordinal).ToList() ?? [];
            var healthy = run.Report?.GetProperty("harness_health").GetProperty("healthy").GetBoolean() ?? false;
            if (healthy && run.Verdict == "contained")
            {
                best = rate;
            }

            firstSignal ??= violations.FirstOrDefault() is { } v ? $"{v} at {rate}/s" : null;
            var window = run.Report?.GetProperty("windows").GetProperty("fault");
            rows.Add(
            [
                rate.ToString(CultureInfo.InvariantCulture),
                ScenarioRun.Short(run.Verdict),
                Number(window, w => w.GetProperty("ok").GetInt64() + w.GetProperty("failed").GetInt64(), "0"),
                Number(window, w => w.GetProperty("latency").GetProperty("p99_ms").GetDouble(), "0.0"),
                Number(health, h => h.GetProperty("schedule_lag_p99_ms").GetDouble(), "0.0"),
                Number(health, h => h.GetProperty("dependency_added_latency_p99_ms").GetDouble(), "0.0"),
                Number(health, h => h.GetProperty("cpu_percent_mean").GetDouble(), "0"),
                Number(health, h => h.GetProperty("thread_pool_queue_max").GetDouble(), "0"),
                Number(health, h => h.GetProperty("dropped").GetDouble(), "0"),
                violations.Count == 0 ? (run.Verdict == "contained" ? "healthy" : string.Join("; ", run.Reasons.Take(1))) : string.Join(", ", violations),
            ]);
            Console.WriteLine($"  {rate}/s: {run.Verdict}");
        }

        BenchContext.Table(["rate/s", "verdict", "fault-window workflows", "fault p99 ms", "lag p99 ms", "dependency added p99 ms", "CPU %", "thread-pool queue", "dropped", "harness signals over limit"], rows);
        Console.WriteLine($"highest rate healthy and contained: {(best is { } b ? b + "/s" : "none")}; first harness signal over its limit: {firstSignal ?? "none"}");
        Console.WriteLine($"reports under {context.Work}");
        return 0;
    }

    private static string Number(JsonElement? element, Func<JsonElement, double> read, string format)
    {
        try
        {
            return element is { } e ? read(e).ToString(format, CultureInfo.InvariantCulture) : "–";
        }
        catch (InvalidOperationException)
        {
            return "–";
        }
    }
}
