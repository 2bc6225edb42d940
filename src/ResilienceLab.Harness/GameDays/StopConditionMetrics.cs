namespace ResilienceLab.Harness.GameDays;

/// <summary>
/// The live metrics a stop condition may watch, each a value of the last second: <c>error_rate</c> (failed workflows
/// over finished), <c>latency_p99_ms</c> (corrected), <c>requests_per_second</c>, <c>dropped</c>, <c>in_flight</c>, and per
/// service <c>dependency.SERVICE.error_rate</c>, <c>dependency.SERVICE.errors</c>, <c>dependency.SERVICE.attempts_per_call</c>
/// and <c>breaker.SERVICE.state</c> (0 closed, 1 half-open, 2 open).
/// </summary>
public static class StopConditionMetrics
{
    public const string ErrorRate = "error_rate";
    public const string LatencyP99Ms = "latency_p99_ms";
    public const string RequestsPerSecond = "requests_per_second";
    public const string Dropped = "dropped";
    public const string InFlight = "in_flight";

    private static readonly string[] RunMetrics = [ErrorRate, LatencyP99Ms, RequestsPerSecond, Dropped, InFlight];
    private static readonly string[] DependencyMetrics = ["error_rate", "errors", "attempts_per_call"];

    /// <summary>Why <paramref name="metric"/> cannot be watched, or null when it can.</summary>
    public static string? Explain(string metric, IReadOnlyCollection<string> services)
    {
        ArgumentNullException.ThrowIfNull(metric);
        ArgumentNullException.ThrowIfNull(services);
        if (RunMetrics.Contains(metric, StringComparer.Ordinal))
        {
            return null;
        }

        var parts = metric.Split('.');
        if (parts.Length == 3 && parts[0] is "dependency" or "breaker")
        {
            if (!services.Contains(parts[1]))
            {
                return $"{ResilienceLab.Load.InputText.Quote(parts[1])} is not a service in the config ({string.Join(", ", services)})";
            }

            if (parts[0] == "dependency" && !DependencyMetrics.Contains(parts[2], StringComparer.Ordinal))
            {
                return $"a dependency metric is one of {string.Join(", ", DependencyMetrics)}";
            }

            if (parts[0] == "breaker" && parts[2] != "state")
            {
                return "the breaker metric is breaker.SERVICE.state (0 closed, 1 half-open, 2 open)";
            }

            return null;
        }

        return $"not a live metric; use one of {string.Join(", ", RunMetrics)}, dependency.SERVICE.({string.Join("|", DependencyMetrics)}) or breaker.SERVICE.state";
    }
}
