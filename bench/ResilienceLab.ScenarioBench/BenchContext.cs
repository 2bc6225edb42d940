using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ResilienceLab.ScenarioBench;

/// <summary>Where the bench runs: the repository, the built command line, a scratch folder, and the options given.</summary>
internal sealed class BenchContext
{
    private readonly string[] _args;
    private readonly Lazy<string> _work;

    public BenchContext(string[] args)
    {
        _args = args;
        Root = FindRoot();
        Cli = Path.Combine(Root, "src", "ResilienceLab.Cli", "bin", "Release", "net10.0", "resilience-lab.dll");
        _work = new(() => Directory.CreateTempSubdirectory("resiliencelab-bench-").FullName);
        Full = args.Contains("--full");
        Config = JsonNode.Parse(File.ReadAllText(Path.Combine(Root, "loose-coupling-config.json")))!;
    }

    public string Root { get; }

    public string Cli { get; }

    /// <summary>The scratch folder, made on first use.</summary>
    public string Work => _work.Value;

    public bool Full { get; }

    public JsonNode Config { get; }

    public string Scenarios => Path.Combine(Root, "scenarios");

    public int Option(string name, int fallback) => Text(name) is { } text && int.TryParse(text, CultureInfo.InvariantCulture, out var value) ? value : fallback;

    public string? Text(string name)
    {
        var i = Array.IndexOf(_args, name);
        return i >= 0 && i + 1 < _args.Length ? _args[i + 1] : null;
    }

    public string Write(string name, JsonNode content)
    {
        var path = Path.Combine(Work, name);
        File.WriteAllText(path, content.ToJsonString());
        return path;
    }

    /// <summary>A scenario with every load rate (and copies) multiplied by <paramref name="factor"/>, and room in flight to match.</summary>
    public JsonObject Scaled(string scenario, double factor, int? rate = null)
    {
        var json = JsonNode.Parse(File.ReadAllText(Path.Combine(Scenarios, scenario + ".json")))!.AsObject();
        foreach (var load in json["load"]!.AsArray())
        {
            if (load!["rate"] is { } value)
            {
                load["rate"] = rate ?? value.GetValue<double>() * factor;
            }

            if (load["copies"] is { } copies)
            {
                load["copies"] = (int)Math.Round(copies.GetValue<double>() * factor);
            }
        }

        json["max_in_flight"] = (int)Math.Round((json["max_in_flight"]?.GetValue<int>() ?? 1_000) * factor);
        json.Remove("$schema");
        return json;
    }

    public static void Table(string[] header, IEnumerable<string[]> rows)
    {
        Console.WriteLine();
        Console.WriteLine("| " + string.Join(" | ", header) + " |");
        Console.WriteLine("|" + string.Concat(header.Select(_ => "---|")));
        foreach (var row in rows)
        {
            Console.WriteLine("| " + string.Join(" | ", row) + " |");
        }
    }

    private static string FindRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "ResilienceLab.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("run from inside the repository");
    }

    /// <summary>
    /// The config with each queue-fed service given workers for <paramref name="rate"/> workflows/s: a worker handles a batch of 10
    /// per round trip of the service's stub latency, and a quarter more is kept in hand.
    /// </summary>
    public JsonNode WorkersFor(double rate)
    {
        var scaled = Config.DeepClone();
        foreach (var service in scaled["services"]!.AsArray().Where(s => s?["request_queue"] is not null))
        {
            var latencyS = Math.Max(0.01, (service!["stub_latency_ms"]?.GetValue<double>() ?? 0) / 1000.0 + 0.01);
            var needed = (int)Math.Ceiling(rate * latencyS / 10 * 1.25);
            service["worker_concurrency"] = Math.Clamp(Math.Max(needed, service["worker_concurrency"]?.GetValue<int>() ?? 1), 1, 256);
        }

        return scaled;
    }

    /// <summary>The highest rate in the scenario's load (its peak, in workflows/s).</summary>
    public double PeakRate(string scenario)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(Scenarios, scenario + ".json")));
        return json.RootElement.GetProperty("load").EnumerateArray().Select(l => l.TryGetProperty("rate", out var r) ? r.GetDouble() : 0).DefaultIfEmpty(1).Max();
    }
}
