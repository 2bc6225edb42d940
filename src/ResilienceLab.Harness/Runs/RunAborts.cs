using ResilienceLab.Stack.Ports;

namespace ResilienceLab.Harness.Runs;

/// <summary>
/// Why a run stopped early, worded once for scenario runs and game days alike: an interruption, or the
/// infrastructure error that ended it (its first line only: SDK messages span lines, an abort reason is one).
/// </summary>
internal static class RunAborts
{
    /// <summary>Interrupted while standing up or winding down; <paramref name="by"/> names the signal (default Ctrl-C).</summary>
    public static string Interrupted(Func<string>? by) => $"interrupted ({by?.Invoke() ?? "Ctrl-C"}); faults were rolled back";

    /// <summary>Interrupted while the load ran.</summary>
    public static string InterruptedBeforeTheEnd(Func<string>? by) => $"interrupted before the load finished ({by?.Invoke() ?? "Ctrl-C"}); faults were rolled back";

    /// <summary>True for the exceptions that mean the run's infrastructure failed (not a bug of the harness).</summary>
    public static bool IsInfrastructure(Exception exception) =>
        exception is HttpRequestException or IOException or InvalidOperationException or TimeoutException
            or System.Net.Sockets.SocketException or System.Net.HttpListenerException or PortException
            or Amazon.Runtime.AmazonServiceException or Amazon.Runtime.AmazonClientException;

    public static string Infrastructure(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return $"infrastructure error: {FirstLine(exception.Message)}";
    }

    private static string FirstLine(string message) =>
        message.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? message;
}
