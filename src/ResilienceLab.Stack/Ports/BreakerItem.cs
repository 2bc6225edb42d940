namespace ResilienceLab.Stack.Ports;

/// <summary>
/// One item of the circuit-breaker table, keyed by <c>service_name</c>, with the document's attributes
/// plus a <see cref="Version"/> for conditional writes, running totals, and each instance's contribution
/// to the failure count (so one unhealthy instance cannot open the breaker for all).
/// </summary>
public sealed record BreakerItem
{
    public required string ServiceName { get; init; }
    public string State { get; init; } = "CLOSED";
    public int FailureCount { get; init; }
    public double LastFailureTime { get; init; }
    public int FailureThreshold { get; init; } = 5;
    public int TimeoutSeconds { get; init; } = 60;
    public int HalfOpenMaxCalls { get; init; } = 3;
    public int HalfOpenCalls { get; init; }
    public long TotalSuccesses { get; init; }
    public long TotalFailures { get; init; }
    public IReadOnlyDictionary<string, int> InstanceFailures { get; init; } = new Dictionary<string, int>();
    public long Version { get; init; }
    public double UpdatedAt { get; init; }
}
