using System.Globalization;
using ResilienceLab.Harness.Runs;

namespace ResilienceLab.Cli;

/// <summary>One progress line per second: elapsed/total, throughput, p99, errors, dropped, breaker states, active faults.</summary>
internal sealed class RunProgressPrinter(CliConsole console) : IProgress<RunProgress>
{
    private readonly Lock _lock = new();

    public void Report(RunProgress value)
    {
        var load = value.Load;
        var breakers = string.Join(' ', value.Breakers.Select(b => $"{b.Key}={Short(b.Value)}"));
        var faults = value.ActiveFaults.Count == 0 ? "none" : string.Join(", ", value.ActiveFaults);
        var line = string.Create(
            CultureInfo.InvariantCulture,
            $"  {load.Elapsed.TotalSeconds,5:0}s/{load.Total.TotalSeconds:0}s  {load.RequestsPerSecond,6:0.0} req/s  p99 {load.P99Ms,7:0.0} ms  ok {load.Ok,6}  errors {load.Errors,5}  dropped {load.Dropped,4}  in-flight {load.InFlight,4}  breakers {breakers}  faults: {faults}");
        lock (_lock)
        {
            console.Output.Profile.Out.Writer.WriteLine(line);
        }
    }

    private static string Short(string state) => state switch
    {
        "Closed" => "closed",
        "Open" => "OPEN",
        "HalfOpen" => "half-open",
        _ => state,
    };
}
