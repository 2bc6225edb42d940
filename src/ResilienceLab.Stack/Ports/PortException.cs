namespace ResilienceLab.Stack.Ports;

/// <summary>
/// An error from a queue, topic, bus or table API, with the AWS error code
/// (InternalError, ThrottlingException, ServiceUnavailable, ...) and whether a retry may succeed.
/// </summary>
public sealed class PortException : Exception
{
    public PortException(string operation, string errorCode, string message, bool isTransient, Exception? innerException = null)
        : base(message, innerException)
    {
        Operation = operation;
        ErrorCode = errorCode;
        IsTransient = isTransient;
    }

    /// <summary>The API operation, for example SendMessage or PutEvents.</summary>
    public string Operation { get; }

    public string ErrorCode { get; }

    public bool IsTransient { get; }

    public bool IsThrottling => ErrorCode is "ThrottlingException" or "Throttling" or "RequestThrottled" or "ProvisionedThroughputExceededException";
}
