using System.Globalization;

namespace ResilienceLab.Cli.Tests;

/// <summary>
/// Waits, once, until the machine has a core to spare before the end-to-end runs start (other test assemblies run beside
/// this one at first). A run on a machine saturated by others is rightly inconclusive, which would say nothing about the
/// code under test. Reads /proc/stat; where there is none, or after two minutes, it lets the runs start anyway.
/// </summary>
public sealed class QuietMachine : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(2);

    public async Task InitializeAsync()
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (waited.Elapsed < Patience && await BusyShareAsync().ConfigureAwait(false) is { } busy && busy > 1 - (1.0 / Environment.ProcessorCount))
        {
            // Busy on more than all cores but one: another process is still at work.
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>The share of all cores' time spent busy over one second, or null without /proc/stat.</summary>
    private static async Task<double?> BusyShareAsync()
    {
        if (ReadTotals() is not { } before)
        {
            return null;
        }

        await Task.Delay(TimeSpan.FromSeconds(1)).ConfigureAwait(false);
        if (ReadTotals() is not { } after || after.Total <= before.Total)
        {
            return null;
        }

        return 1 - ((double)(after.Idle - before.Idle) / (after.Total - before.Total));
    }

    private static (long Idle, long Total)? ReadTotals()
    {
        try
        {
            var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(f => long.Parse(f, CultureInfo.InvariantCulture)).ToArray();
            return (fields[3] + fields[4], fields.Sum());
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException or InvalidOperationException)
        {
            return null;
        }
    }
}
