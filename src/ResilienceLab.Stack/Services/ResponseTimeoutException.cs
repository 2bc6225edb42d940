namespace ResilienceLab.Stack.Services;

/// <summary>No reply carrying <see cref="CorrelationId"/> arrived within <see cref="Timeout"/>.</summary>
public sealed class ResponseTimeoutException : TimeoutException
{
    public ResponseTimeoutException(string correlationId, TimeSpan timeout)
        : base($"No response for correlation id {correlationId} within {timeout.TotalMilliseconds:0} ms")
    {
        CorrelationId = correlationId;
        Timeout = timeout;
    }

    public string CorrelationId { get; }

    public TimeSpan Timeout { get; }
}
