namespace ResilienceLab.Stack.Services;

/// <summary>
/// A call that failed after its retries. <see cref="Reason"/> is a short, stable code for reports:
/// <c>http_503</c>, <c>timeout</c>, <c>overall_timeout</c>, <c>circuit_open</c>, <c>half_open_limit</c>,
/// <c>connection_error</c>, <c>invalid_response</c>, <c>bulkhead_full</c>, <c>queue_error</c>.
/// </summary>
public sealed class ServiceCallException : Exception
{
    public ServiceCallException(string serviceName, string reason, int attempts, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        ServiceName = serviceName;
        Reason = reason;
        Attempts = attempts;
    }

    public string ServiceName { get; }

    public string Reason { get; }

    public int Attempts { get; }
}
