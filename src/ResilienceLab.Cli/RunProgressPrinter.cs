using System.Globalization;
using ResilienceLab.Harness.Runs;

namespace ResilienceLab.Cli;

/// <summary>
/// Progress once a second: elapsed/total, throughput, p99, errors, dropped, breaker states, active faults. In CI and
/// logs, one plain line a second; in a terminal, one status line updated in place, kept on screen (a new line started)
/// whenever a breaker changes state or a fault switches, so those moments stay visible.
/// </summary>
internal sealed class RunProgressPrinter(CliConsole console) : IProgress<RunProgress>
{
    private readonly Lock _lock = new();
    private string? _lastState;

    public void Report(RunProgress value)
    {
        if (value.Draining is { } left)
        {
            ReportDraining(left);
            return;
        }

        var load = value.Load;
        var breakers = string.Join(' ', value.Breakers.Select(b => $"{b.Key}={Short(b.Value)}"));
        var faults = value.ActiveFaults.Count == 0 ? "none" : string.Join(", ", value.ActiveFaults);
        var line = string.Create(
            CultureInfo.InvariantCulture,
            $"  {load.Elapsed.TotalSeconds,5:0}s/{load.Total.TotalSeconds:0}s  {load.RequestsPerSecond,6:0.0} req/s  p99 {load.P99Ms,7:0.0} ms  ok {load.Ok,6}  errors {load.Errors,5}  dropped {load.Dropped,4}  in-flight {load.InFlight,4}  breakers {breakers}  faults: {faults}");
        Write(line, breakers + "|" + faults);
    }

    /// <summary>After the load, while queued work finishes: how many messages are left (the wait ends when they stop falling).</summary>
    private void ReportDraining(long left)
    {
        Write(string.Create(CultureInfo.InvariantCulture, $"  load done; waiting for queued work: {left:N0} message(s) still queued"), "draining");
    }

    /// <summary>One progress line: plain in CI and logs; in a terminal updated in place, on a new line whenever <paramref name="state"/> changes.</summary>
    private void Write(string line, string state)
    {
        var writer = console.Output.Profile.Out.Writer;
        lock (_lock)
        {
            if (!console.IsInteractive)
            {
                writer.WriteLine(line);
                return;
            }

            if (_lastState is not null && state != _lastState)
            {
                writer.WriteLine();
            }

            _lastState = state;
            var width = Math.Max(20, console.Output.Profile.Width - 1);
            writer.Write('\r' + (line.Length > width ? line[..width] : line.PadRight(width)));
            writer.Flush();
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
