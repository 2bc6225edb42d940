using System.Globalization;

namespace ResilienceLab.Harness.Runs;

/// <summary>
/// Run ids: every message a run sends carries its run's id, so counts read from queues that outlive runs (the aws
/// target) take only this run's messages. Agents of one distributed run are given the same id.
/// </summary>
public static class RunIds
{
    private static long _sequence;

    /// <summary>A new id: the scenario, the start instant, the process and its run count, e.g. <c>breaker-storm-20261202T031500Z-1f2a-1</c>.</summary>
    public static string New(string scenario, DateTimeOffset startedAt)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        return string.Create(CultureInfo.InvariantCulture, $"{scenario}-{startedAt.UtcDateTime:yyyyMMdd'T'HHmmss'Z'}-{Environment.ProcessId:x}-{Interlocked.Increment(ref _sequence)}");
    }
}
