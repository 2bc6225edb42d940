using System.Net;
using Amazon.Runtime;
using ResilienceLab.Stack.Ports;

namespace ResilienceLab.Infrastructure.Aws;

/// <summary>Turns AWS errors into <see cref="PortException"/>s: the operation, the AWS error code, and whether a retry may succeed.</summary>
internal static class AwsErrorMapping
{
    private static readonly HashSet<string> ThrottlingCodes = new(StringComparer.Ordinal)
    {
        "Throttling",
        "ThrottlingException",
        "ThrottledException",
        "RequestThrottled",
        "RequestThrottledException",
        "TooManyRequestsException",
        "ProvisionedThroughputExceededException",
        "RequestLimitExceeded",
        "LimitExceededException",
        "SlowDown",
    };

    /// <summary>True for 5xx answers and throttling: the call may succeed when retried.</summary>
    public static bool IsTransient(string errorCode, HttpStatusCode statusCode) =>
        (int)statusCode >= 500 || ThrottlingCodes.Contains(errorCode);

    public static PortException ToPortException(string operation, AmazonServiceException exception)
    {
        var code = string.IsNullOrEmpty(exception.ErrorCode) ? ((int)exception.StatusCode).ToString() : exception.ErrorCode;
        return new PortException(
            operation,
            code,
            $"{operation} failed: {code} ({(int)exception.StatusCode}): {exception.Message}",
            IsTransient(code, exception.StatusCode),
            exception);
    }

    /// <summary>A call that never got an answer (connection refused, reset, timed out) may succeed when retried.</summary>
    public static PortException ToPortException(string operation, Exception exception) =>
        new(operation, "NetworkError", $"{operation} failed before an answer arrived: {exception.Message}", isTransient: true, exception);

    /// <summary>Runs <paramref name="call"/>, translating AWS and network errors into <see cref="PortException"/>.</summary>
    public static async Task<T> Guard<T>(string operation, Func<Task<T>> call, CancellationToken cancellationToken)
    {
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (AmazonServiceException exception)
        {
            throw ToPortException(operation, exception);
        }
        catch (AmazonClientException exception)
        {
            throw ToPortException(operation, exception);
        }
        catch (HttpRequestException exception)
        {
            throw ToPortException(operation, exception);
        }
        catch (TaskCanceledException exception) when (!cancellationToken.IsCancellationRequested)
        {
            throw ToPortException(operation, exception);
        }
    }
}
