using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using ResilienceLab.Tests.Shared;

// The gate's accuracy, scenario by scenario: the default config N times (expected contained; anything else is a false
// alarm or an inconclusive run), the mechanism the scenario stresses weakened (expected not_contained with the named
// checks failing), and the scenario at K times its rate (expected contained or inconclusive, never not_contained).
// Usage: dotnet run -c Release --project bench/ResilienceLab.GateAccuracy -- [--runs 3] [--scale 5] [--only a,b] [--full]
var root = FindRoot();
var runs = Option("--runs", 3);
var scale = Option("--scale", 5);
var full = args.Contains("--full");
var only = OptionText("--only")?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
var cli = Path.Combine(root, "src", "ResilienceLab.Cli", "bin", "Release", "net10.0", "resilience-lab.dll");
if (!File.Exists(cli))
{
    Console.Error.WriteLine($"build the CLI first: dotnet build -c Release src/ResilienceLab.Cli ({cli} not found)");
    return 2;
}

var work = Directory.CreateTempSubdirectory("resiliencelab-gate-accuracy-").FullName;
var config = JsonNode.Parse(File.ReadAllText(Path.Combine(root, "loose-coupling-config.json")))!;
var weakenings = Weakening.All(Path.Combine(root, "scenarios")).Where(w => only is null || only.Contains(w.Scenario)).ToList();
var rows = new List<string[]>();
var mismatches = 0;
Console.WriteLine($"gate accuracy: {weakenings.Count} scenarios, default x{runs}, weakened x1, rate x{scale} x1, {(full ? "full length" : "--quick")}; CPU {Environment.ProcessorCount} cores");
foreach (var weakening in weakenings)
{
    var scenarioFile = Path.Combine(root, "scenarios", weakening.Scenario + ".json");
    var defaults = new List<string>();
    for (var i = 0; i < runs; i++)
    {
        defaults.Add(Run(weakening.Scenario, scenarioFile, Write("config.json", config), $"default-{i}").Verdict);
    }

    var weak = Run(weakening.Scenario, scenarioFile, Write($"weak-{weakening.Scenario}.json", weakening.Apply(config)), "weakened");
    var missing = weakening.MustFail.Where(m => !weak.Failed.Contains(m)).ToList();
    var extra = weak.Failed.Where(f => !weakening.MustFail.Contains(f)).ToList();
    var scaled = Run(weakening.Scenario, Write($"x{scale}-{weakening.Scenario}.json", Scaled(scenarioFile, scale)), Write("config.json", config), $"x{scale}");

    var falseAlarms = defaults.Count(v => v == "not_contained");
    var ok = defaults.All(v => v == "contained") && weak.Verdict == "not_contained" && missing.Count == 0 && scaled.Verdict is "contained" or "inconclusive";
    mismatches += ok ? 0 : 1;
    rows.Add(
    [
        weakening.Scenario,
        string.Join(" ", defaults.Select(Short)),
        falseAlarms.ToString(CultureInfo.InvariantCulture),
        $"{Short(weak.Verdict)}; {weak.Failed.Count(f => weakening.MustFail.Contains(f))}/{weakening.MustFail.Count} named failed" + (missing.Count > 0 ? $"; MISSING: {string.Join(" | ", missing)}" : string.Empty) + (extra.Count > 0 ? $"; also: {string.Join(" | ", extra)}" : string.Empty),
        Short(scaled.Verdict) + (scaled.Reason is { } r ? $" ({r})" : string.Empty),
        ok ? "yes" : "NO",
    ]);
    Console.WriteLine($"  {weakening.Scenario}: done");
}

Print(["scenario", $"default x{runs}", "false alarms", "weakened: " + "verdict; named checks", $"rate x{scale}", "as expected"], rows);
Console.WriteLine($"{weakenings.Count - mismatches} of {weakenings.Count} scenarios as expected; reports under {work}");
return mismatches == 0 ? 0 : 1;

(string Verdict, IReadOnlyList<string> Failed, string? Reason) Run(string scenario, string scenarioFile, string configFile, string label)
{
    var output = Path.Combine(work, label + "-" + scenario);
    var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
    foreach (var a in new[] { cli, "run", "--scenario", scenarioFile, "--config", configFile, "--out", output })
    {
        start.ArgumentList.Add(a);
    }

    if (!full)
    {
        start.ArgumentList.Add("--quick");
    }

    using var process = Process.Start(start)!;
    var stdout = process.StandardOutput.ReadToEndAsync();
    var stderr = process.StandardError.ReadToEndAsync();
    process.WaitForExit();
    var report = Path.Combine(output, scenario, "report.json");
    if (!File.Exists(report))
    {
        return ($"exit {process.ExitCode}", [], stderr.Result.Split('\n').FirstOrDefault());
    }

    using var json = JsonDocument.Parse(File.ReadAllText(report));
    var verdict = json.RootElement.GetProperty("verdict").GetString()!;
    var failed = json.RootElement.GetProperty("hypothesis").EnumerateArray()
        .Where(h => h.GetProperty("outcome").GetString() == "failed").Select(h => h.GetProperty("name").GetString()!).ToList();
    var reason = verdict is "inconclusive" or "aborted" ? json.RootElement.GetProperty("verdict_reasons").EnumerateArray().Select(r => r.GetString()).FirstOrDefault() : null;
    return (verdict, failed, reason);
}

string Scaled(string scenarioFile, int factor)
{
    var scenario = JsonNode.Parse(File.ReadAllText(scenarioFile))!.AsObject();
    foreach (var load in scenario["load"]!.AsArray())
    {
        foreach (var field in new[] { "rate", "copies" })
        {
            if (load![field] is { } value)
            {
                load[field] = value.GetValue<double>() * factor;
            }
        }
    }

    scenario["max_in_flight"] = (scenario["max_in_flight"]?.GetValue<int>() ?? 1_000) * factor;
    scenario.Remove("$schema");
    return scenario.ToJsonString();
}

string Write(string name, object content)
{
    var path = Path.Combine(work, name);
    File.WriteAllText(path, content is JsonNode node ? node.ToJsonString() : (string)content);
    return path;
}

static string Short(string verdict) => verdict switch
{
    "contained" => "C",
    "not_contained" => "NC",
    "inconclusive" => "INC",
    "aborted" => "ABORT",
    _ => verdict,
};

static void Print(string[] header, List<string[]> table)
{
    Console.WriteLine();
    Console.WriteLine("| " + string.Join(" | ", header) + " |");
    Console.WriteLine("|" + string.Concat(header.Select(_ => "---|")));
    foreach (var row in table)
    {
        Console.WriteLine("| " + string.Join(" | ", row) + " |");
    }

    Console.WriteLine("C contained, NC not contained, INC inconclusive");
}

int Option(string name, int fallback) => OptionText(name) is { } text && int.TryParse(text, CultureInfo.InvariantCulture, out var value) ? value : fallback;

string? OptionText(string name)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
}

static string FindRoot()
{
    var directory = new DirectoryInfo(AppContext.BaseDirectory);
    while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "ResilienceLab.sln")))
    {
        directory = directory.Parent;
    }

    return directory?.FullName ?? throw new InvalidOperationException("run from inside the repository");
}
