namespace ResilienceLab.Stack.Breaker;

/// <summary>Thrown when the breaker rejects a call; <see cref="Reason"/> says why (circuit_open, half_open_limit).</summary>
public sealed class BrokenCircuitException : Exception
{
    public BrokenCircuitException(string serviceName, string reason)
        : base($"Circuit breaker for {serviceName} rejected the call: {reason}")
    {
        ServiceName = serviceName;
        Reason = reason;
    }

    public string ServiceName { get; }

    public string Reason { get; }
}
