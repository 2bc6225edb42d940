using System.Globalization;
using Amazon.Runtime;
using ResilienceLab.Stack.Ports;

namespace ResilienceLab.Infrastructure.Aws;

/// <summary>
/// How every call to one AWS endpoint is bounded: an attempt waits at most <see cref="Timeout"/> for an answer (plus the
/// long-poll wait it asked for), and a call that failed transiently (no answer, 5xx, throttling) is tried again at most
/// <see cref="MaxRetries"/> times, after 100 ms, 200 ms, ... Errors become <see cref="PortException"/>s naming the
/// endpoint; a call that got no answer has the code <see cref="NoAnswer"/>.
/// </summary>
public sealed class AwsCallPolicy
{
    /// <summary>The error code of a call that got no answer (refused, reset, or timed out).</summary>
    public const string NoAnswer = "NetworkError";

    private static readonly TimeSpan FirstRetryDelay = TimeSpan.FromMilliseconds(100);

    private readonly TimeProvider _time;

    /// <param name="endpoint">How errors name the endpoint, for example <c>the SQS endpoint http://127.0.0.1:4566/</c>.</param>
    /// <param name="timeout">How long one attempt waits for an answer.</param>
    /// <param name="maxRetries">How many times a transiently failed call is tried again.</param>
    /// <param name="timeProvider">The clock of the timeouts and the pauses between attempts.</param>
    /// <param name="address">What identifies the machine answering (its URL's scheme, host and port); null for <paramref name="endpoint"/>.</param>
    public AwsCallPolicy(string endpoint, TimeSpan timeout, int maxRetries, TimeProvider timeProvider, string? address = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(endpoint);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(timeout, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfNegative(maxRetries);
        ArgumentNullException.ThrowIfNull(timeProvider);
        Endpoint = endpoint;
        Address = address ?? endpoint;
        Timeout = timeout;
        MaxRetries = maxRetries;
        _time = timeProvider;
    }

    /// <summary>How errors name the endpoint.</summary>
    public string Endpoint { get; }

    /// <summary>The machine that answers: several services on one emulator share it, and one that stopped answering stops them all.</summary>
    public string Address { get; }

    public TimeSpan Timeout { get; }

    public int MaxRetries { get; }

    /// <summary>The longest a call may take before it fails: every attempt timing out, with the pauses between them.</summary>
    public TimeSpan Budget(TimeSpan longPoll = default)
    {
        var pauses = TimeSpan.Zero;
        for (var retry = 0; retry < MaxRetries; retry++)
        {
            pauses += RetryDelay(retry);
        }

        return ((Timeout + longPoll) * (MaxRetries + 1)) + pauses;
    }

    /// <summary>Runs <paramref name="call"/> within the timeout, retrying transient failures; throws <see cref="PortException"/>.</summary>
    /// <param name="operation">The API operation, for example <c>SendMessage</c>.</param>
    /// <param name="call">One attempt; it must honour the token it is given.</param>
    /// <param name="longPoll">How long the attempt may wait on purpose (ReceiveMessage's WaitTimeSeconds), on top of the timeout.</param>
    public async Task<T> ExecuteAsync<T>(string operation, Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken, TimeSpan longPoll = default)
    {
        ArgumentNullException.ThrowIfNull(call);
        for (var attempt = 0; ; attempt++)
        {
            PortException failure;
            using (var deadline = new CancellationTokenSource(Timeout + longPoll, _time))
            using (var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token))
            {
                try
                {
                    return await call(linked.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    throw;
                }
                catch (Exception exception) when (ToPortException(operation, exception, deadline.IsCancellationRequested) is { } mapped)
                {
                    failure = mapped;
                }
            }

            if (!failure.IsTransient || attempt >= MaxRetries)
            {
                throw attempt == 0 ? failure : WithAttempts(failure, attempt + 1);
            }

            await Task.Delay(RetryDelay(attempt), _time, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc cref="ExecuteAsync{T}(string, Func{CancellationToken, Task{T}}, CancellationToken, TimeSpan)"/>
    public Task ExecuteAsync(string operation, Func<CancellationToken, Task> call, CancellationToken cancellationToken) =>
        ExecuteAsync(operation, async token =>
        {
            await call(token).ConfigureAwait(false);
            return true;
        }, cancellationToken);

    private static TimeSpan RetryDelay(int retry) => FirstRetryDelay * Math.Pow(2, retry);

    private PortException? ToPortException(string operation, Exception exception, bool timedOut) => exception switch
    {
        PortException port when port.ErrorCode == NoAnswer => Unanswered(operation, port.InnerException?.Message ?? port.Message, port),
        PortException port => port,
        OperationCanceledException when timedOut => new PortException(
            operation, NoAnswer, $"{operation} failed: no answer from {Endpoint} within {Seconds(Timeout)}", isTransient: true, exception),
        AmazonServiceException service when service.StatusCode != 0 => AwsErrorMapping.ToPortException(operation, service),
        AmazonClientException or AmazonServiceException or HttpRequestException or IOException or OperationCanceledException =>
            Unanswered(operation, exception.Message, exception),
        _ => null,
    };

    private PortException Unanswered(string operation, string reason, Exception inner) =>
        new(operation, NoAnswer, $"{operation} failed: {Endpoint} did not answer ({FirstLine(reason)})", isTransient: true, inner);

    private static PortException WithAttempts(PortException failure, int attempts) =>
        new(failure.Operation, failure.ErrorCode, $"{failure.Message} ({attempts} attempts)", failure.IsTransient, failure.InnerException ?? failure);

    private static string Seconds(TimeSpan span) => span.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture) + " s";

    private static string FirstLine(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? text;
}
