using System.Net;
using System.Net.Sockets;

namespace ResilienceLab.Load.Http;

/// <summary>Names why a request failed, in the short snake_case reasons the summary counts: <c>http_503</c>, <c>timeout</c>, <c>connection_refused</c>, ...</summary>
public static class HttpFailureClassifier
{
    // The reasons of the statuses servers send, made once: a failing load names thousands of them a second.
    private static readonly string[] CommonStatusReasons = [.. Enumerable.Range(400, 200).Select(code => $"http_{code}")];

    /// <summary>The reason for a response status, or null when the status counts as success (1xx–3xx).</summary>
    public static string? ForStatus(HttpStatusCode status) => (int)status switch
    {
        < 400 => null,
        < 600 and var code => CommonStatusReasons[code - 400],
        var code => $"http_{code}",
    };

    /// <summary>The reason for an exception thrown by the request (a cancellation not requested by the run is a timeout).</summary>
    public static string ForException(Exception exception, bool runCancelled)
    {
        ArgumentNullException.ThrowIfNull(exception);
        if (exception is OperationCanceledException)
        {
            return runCancelled ? "cancelled" : "timeout";
        }

        if (Find<SocketException>(exception) is { } socket)
        {
            return socket.SocketErrorCode switch
            {
                SocketError.ConnectionRefused => "connection_refused",
                SocketError.ConnectionReset => "connection_reset",
                SocketError.TimedOut => "timeout",
                SocketError.HostNotFound or SocketError.TryAgain or SocketError.NoData => "dns_error",
                SocketError.AddressNotAvailable or SocketError.NoBufferSpaceAvailable or SocketError.TooManyOpenSockets => "local_ports_exhausted",
                _ => "socket_" + ToSnakeCase(socket.SocketErrorCode.ToString()),
            };
        }

        if (exception is HttpRequestException request)
        {
            return request.HttpRequestError switch
            {
                HttpRequestError.NameResolutionError => "dns_error",
                HttpRequestError.ConnectionError => "connection_error",
                HttpRequestError.SecureConnectionError => "tls_error",
                HttpRequestError.ResponseEnded => "response_ended",
                HttpRequestError.InvalidResponse => "invalid_response",
                HttpRequestError.ProxyTunnelError => "proxy_error",
                _ => "http_request_error",
            };
        }

        return exception is IOException ? "io_error" : exception.GetType().Name;
    }

    private static T? Find<T>(Exception exception)
        where T : Exception
    {
        for (Exception? current = exception; current is not null; current = current.InnerException)
        {
            if (current is T match)
            {
                return match;
            }
        }

        return null;
    }

    private static string ToSnakeCase(string name) =>
        string.Concat(name.Select((c, i) => char.IsUpper(c) && i > 0 ? "_" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));
}
