using ResilienceLab.Harness.GameDays;
using ResilienceLab.Load;

namespace ResilienceLab.Cli;

/// <summary>What an operator needs at the start of a game day: the control line (parseable), the ctl commands, metrics and stop conditions.</summary>
internal static class GameDayStartPrinter
{
    public static void Print(CliConsole console, GameDayRequest request, GameDayStarted started)
    {
        var writer = console.Output.Profile.Out.Writer;
        writer.WriteLine($"control: {started.ControlUrl} token: {started.Token}");
        writer.WriteLine($"  resilience-lab gameday-ctl --url {started.ControlUrl} --token {started.Token} (faults|start NAME|stop NAME|note TEXT|end|status)");
        if (started.MetricsUrl is { } metrics)
        {
            writer.WriteLine($"metrics: {metrics}");
        }

        if (started.JournalFile is { } journal)
        {
            writer.WriteLine($"journal: {journal} (each entry written as it happens)");
        }

        writer.WriteLine($"duration: {DurationParser.Format(started.Duration)}; scheduled faults: {(request.UseSchedule ? request.Scenario.Faults.Count.ToString(System.Globalization.CultureInfo.InvariantCulture) : "skipped")}");
        writer.WriteLine($"catalogue: {(request.Scenario.Catalogue.Count == 0 ? "empty" : string.Join(", ", request.Scenario.Catalogue.Select(f => f.Name)))}");
        foreach (var condition in request.Scenario.StopConditions)
        {
            writer.WriteLine(condition.Name == condition.Metric ? $"stop condition: {condition.Describe()}" : $"stop condition: {condition.Name}: {condition.Describe()}");
        }

        foreach (var (service, endpoint) in request.Config.ServiceEndpoints)
        {
            writer.WriteLine($"real endpoint: {service} → {endpoint} (client-side faults only)");
        }

        if (console.IsInteractive)
        {
            writer.WriteLine("keys: f list faults, s start a fault, x stop a fault, n add a note, q end the game day");
        }
    }
}
