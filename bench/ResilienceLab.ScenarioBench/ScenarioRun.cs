using System.Diagnostics;
using System.Text.Json;

namespace ResilienceLab.ScenarioBench;

/// <summary>One run of the built command line as a child process, and what its report.json says.</summary>
internal sealed record ScenarioRun(string Verdict, IReadOnlyList<string> Failed, IReadOnlyList<string> Reasons, JsonElement? Report)
{
    public string? Reason => Reasons.FirstOrDefault();

    public static ScenarioRun Start(BenchContext context, string scenario, string scenarioFile, string configFile, string label)
    {
        var output = Path.Combine(context.Work, label + "-" + scenario);
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { context.Cli, "run", "--scenario", scenarioFile, "--config", configFile, "--out", output })
        {
            start.ArgumentList.Add(a);
        }

        if (!context.Full)
        {
            start.ArgumentList.Add("--quick");
        }

        using var process = Process.Start(start)!;
        _ = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        var report = Path.Combine(output, scenario, "report.json");
        if (!File.Exists(report))
        {
            return new ScenarioRun($"exit {process.ExitCode}", [], [stderr.Result.Split('\n').FirstOrDefault() ?? string.Empty], null);
        }

        using var json = JsonDocument.Parse(File.ReadAllText(report));
        var root = json.RootElement.Clone();
        return new ScenarioRun(
            root.GetProperty("verdict").GetString()!,
            [.. root.GetProperty("hypothesis").EnumerateArray().Where(h => h.GetProperty("outcome").GetString() == "failed").Select(h => h.GetProperty("name").GetString()!)],
            [.. root.GetProperty("verdict_reasons").EnumerateArray().Select(r => r.GetString()!)],
            root);
    }

    public static string Short(string verdict) => verdict switch
    {
        "contained" => "C",
        "not_contained" => "NC",
        "inconclusive" => "INC",
        "aborted" => "ABORT",
        _ => verdict,
    };
}
