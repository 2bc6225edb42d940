using System.Globalization;
using ResilienceLab.Load;
using Spectre.Console;

namespace ResilienceLab.Cli.Commands;

/// <summary>Live progress of a load run as one plain line per report (about one a second), readable in CI logs.</summary>
internal sealed class LoadProgressLines(CliConsole console) : IProgress<LoadProgress>
{
    public void Report(LoadProgress value) => console.Output.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{value.Elapsed.TotalSeconds:0}/{value.Total.TotalSeconds:0}s {value.RequestsPerSecond:0} req/s p99 {value.P99Ms:0.###} ms ok {value.Ok} err {value.Errors} drop {value.Dropped} busy {value.InFlight}"));
}
