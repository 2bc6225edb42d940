using System.Globalization;
using ResilienceLab.Tests.Shared;

namespace ResilienceLab.ScenarioBench;

/// <summary>
/// The gate's accuracy, scenario by scenario: the default config N times (expected contained; anything else is a false
/// alarm or an inconclusive run), the mechanism the scenario stresses weakened (expected not_contained with the named
/// checks failing), and the scenario at K times its rate (expected contained or inconclusive, never not_contained).
/// </summary>
internal static class GateAccuracy
{
    public static int Run(BenchContext context)
    {
        var runs = context.Option("--runs", 3);
        var scale = context.Option("--scale", 5);
        var only = context.Text("--only")?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var weakenings = Weakening.All(context.Scenarios).Where(w => only is null || only.Contains(w.Scenario)).ToList();
        var rows = new List<string[]>();
        var mismatches = 0;
        Console.WriteLine($"gate accuracy: {weakenings.Count} scenarios, default x{runs}, weakened x1, rate x{scale} x1, {(context.Full ? "full length" : "--quick")}; {Environment.ProcessorCount} cores");
        Console.WriteLine($"  at x{scale} each request queue gets workers enough for the peak rate (as for the capacity bench): the system is provisioned for the load it is given");
        var config = context.Write("config.json", context.Config);
        foreach (var weakening in weakenings)
        {
            var scenarioFile = Path.Combine(context.Scenarios, weakening.Scenario + ".json");
            var defaults = Enumerable.Range(0, runs).Select(i => ScenarioRun.Start(context, weakening.Scenario, scenarioFile, config, $"default-{i}")).ToList();
            var weak = ScenarioRun.Start(context, weakening.Scenario, scenarioFile, context.Write($"weak-{weakening.Scenario}.json", weakening.Apply(context.Config)), "weakened");
            var missing = weakening.MustFail.Where(m => !weak.Failed.Contains(m)).ToList();
            var extra = weak.Failed.Where(f => !weakening.MustFail.Contains(f)).ToList();
            // The system is provisioned for the rate as well (queue workers), so what grows is the load the harness makes.
            var scaledConfig = context.Write($"x{scale}-config-{weakening.Scenario}.json", context.WorkersFor(context.PeakRate(weakening.Scenario) * scale));
            var scaled = ScenarioRun.Start(context, weakening.Scenario, context.Write($"x{scale}-{weakening.Scenario}.json", context.Scaled(weakening.Scenario, scale)), scaledConfig, $"x{scale}");

            var ok = defaults.All(d => d.Verdict == "contained") && weak.Verdict == "not_contained" && missing.Count == 0 && scaled.Verdict is "contained" or "inconclusive";
            mismatches += ok ? 0 : 1;
            rows.Add(
            [
                weakening.Scenario,
                string.Join(" ", defaults.Select(d => ScenarioRun.Short(d.Verdict))),
                defaults.Count(d => d.Verdict == "not_contained").ToString(CultureInfo.InvariantCulture),
                $"{ScenarioRun.Short(weak.Verdict)}; {weak.Failed.Count(weakening.MustFail.Contains)}/{weakening.MustFail.Count} named failed"
                    + (missing.Count > 0 ? $"; MISSING: {string.Join(" | ", missing)}" : string.Empty)
                    + (extra.Count > 0 ? $"; also failed: {string.Join(" | ", extra)}" : string.Empty),
                ScenarioRun.Short(scaled.Verdict) + (scaled.Verdict != "contained" && scaled.Reason is { } r ? $" ({r})" : string.Empty),
                ok ? "yes" : "NO",
            ]);
            Console.WriteLine($"  {weakening.Scenario}: done");
            foreach (var d in defaults.Where(d => d.Verdict != "contained"))
            {
                Console.WriteLine($"    default {ScenarioRun.Short(d.Verdict)}: {string.Join("; ", d.Reasons)}");
            }
        }

        BenchContext.Table(["scenario", $"default x{runs}", "false alarms", "weakened: verdict; named checks", $"rate x{scale}", "as expected"], rows);
        Console.WriteLine("C contained, NC not contained, INC inconclusive");
        Console.WriteLine($"{weakenings.Count - mismatches} of {weakenings.Count} scenarios as expected; reports under {context.Work}");
        return mismatches == 0 ? 0 : 1;
    }
}
