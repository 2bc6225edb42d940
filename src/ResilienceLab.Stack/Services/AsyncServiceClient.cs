using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using ResilienceLab.Stack.Breaker;
using ResilienceLab.Stack.Bulkheads;
using ResilienceLab.Stack.Discovery;
using ResilienceLab.Stack.Distributed;
using ResilienceLab.Stack.Ports;
using ResilienceLab.Stack.Retry;
using ResilienceLab.Stack.Telemetry;

namespace ResilienceLab.Stack.Services;

/// <summary>
/// The document's service client: synchronous HTTP (POST JSON to the endpoint the registry resolves) or asynchronous
/// through the service's request queue, with a timeout per attempt and overall, retries with exponential backoff
/// and jitter under a retry budget, a circuit breaker around each attempt, and an optional bulkhead around the call.
/// </summary>
/// <remarks>
/// The document wraps the breaker around the whole retry loop; here the breaker guards each attempt, so a
/// half-open probe is a single request and an open breaker ends the retries at once instead of after them.
/// The bulkhead slot is held for the whole call (retries and their delays included): it bounds how much of the
/// caller one dependency can tie up, and waiting for a slot counts against the overall timeout.
/// </remarks>
public sealed class AsyncServiceClient : IServiceInterface
{
    private const string ReasonServiceNotFound = "service_not_found";

    private readonly ServiceOptions _options;
    private readonly IServiceRegistry _registry;
    private readonly HttpClient _http;
    private readonly TimeProvider _time;
    private readonly StackTelemetry? _telemetry;
    private readonly IMessageQueue? _requestQueue;
    private readonly RetryBudget? _budget;
    private readonly BackoffSchedule _backoff;
    private readonly CircuitBreakerManager? _distributed;
    private long _correlationSequence;
    // The last endpoint the registry gave and the request address built on it: a re-registered endpoint is a new Uri.
    private Tuple<Uri, Uri>? _target;

    /// <param name="bulkhead">A bulkhead shared with other clients; null builds one from <see cref="ServiceOptions.Bulkhead"/> (or none).</param>
    public AsyncServiceClient(
        ServiceOptions options,
        IServiceRegistry registry,
        HttpClient httpClient,
        TimeProvider timeProvider,
        Func<double> random,
        StackTelemetry? telemetry = null,
        IMessageQueue? requestQueue = null,
        RetryBudget? retryBudget = null,
        Bulkhead? bulkhead = null,
        CircuitBreakerManager? distributedBreaker = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        _registry = registry;
        _http = httpClient;
        _time = timeProvider;
        _telemetry = telemetry;
        _requestQueue = requestQueue;
        _budget = retryBudget ?? (options.Retry.Budget is { } budgetOptions ? new RetryBudget(budgetOptions) : null);
        _backoff = new BackoffSchedule(options.Retry, random);
        _distributed = distributedBreaker;
        Breaker = new CircuitBreaker(options.Name, options.CircuitBreaker, timeProvider);
        Bulkhead = bulkhead ?? (options.Bulkhead is { } bulkheadOptions ? new Bulkhead(options.Name, bulkheadOptions) : null);
        telemetry?.Observe(Breaker);
        if (Bulkhead is not null)
        {
            telemetry?.Observe(Bulkhead);
        }
    }

    public string ServiceName => _options.Name;

    public CircuitBreaker Breaker { get; }

    /// <summary>The concurrency limit for this dependency, or null when it has none.</summary>
    public Bulkhead? Bulkhead { get; }

    /// <summary>The retry budget shared by this client's calls, or null when it has none.</summary>
    public RetryBudget? RetryBudget => _budget;

    public async ValueTask<ServiceResponse> CallAsync(JsonObject request, CancellationToken cancellationToken = default) =>
        (await TryCallAsync(request, cancellationToken).ConfigureAwait(false)).GetResponseOrThrow();

    public async ValueTask<ServiceCallOutcome> TryCallAsync(JsonObject request, CancellationToken cancellationToken = default)
    {
        using var overall = _options.OverallTimeout is { } limit ? new CancellationTokenSource(limit, _time) : null;
        using var linked = overall is null ? null : CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, overall.Token);
        var token = linked?.Token ?? cancellationToken;
        var attempts = 0;
        BulkheadLease? lease = null;
        try
        {
            if (Bulkhead is not null)
            {
                // A full bulkhead is an expected answer under pressure, not an error: no exception is thrown for it.
                lease = await Bulkhead.TryAcquireAsync(token).ConfigureAwait(false);
                if (lease is null)
                {
                    StackActivities.BreakerRejected(ServiceName, BulkheadConstants.ReasonFull);
                    return Failed(BulkheadConstants.ReasonFull, 0, $"{ServiceName}: {Bulkhead.RejectionMessage}", rejected: true);
                }
            }

            _budget?.Deposit();
            var previousDelay = TimeSpan.Zero;
            for (var retry = 0; ; retry++)
            {
                var decision = _distributed is null ? Breaker.Acquire() : await _distributed.AcquireAsync(ServiceName, token).ConfigureAwait(false);
                if (!decision.Allowed)
                {
                    StackActivities.BreakerRejected(ServiceName, decision.RejectionReason!);
                    return Failed(decision.RejectionReason!, attempts, $"{ServiceName}: circuit breaker rejected the call ({decision.RejectionReason})", rejected: true);
                }

                attempts++;
                var (response, failure) = await GuardedAttemptAsync(request, decision, attempts, token).ConfigureAwait(false);
                await RecordAsync(decision, Outcome(failure, token)).ConfigureAwait(false);
                _telemetry?.AttemptCompleted(ServiceName, failure?.Reason ?? "ok");
                if (failure is null)
                {
                    _telemetry?.CallCompleted(ServiceName, "ok");
                    return ServiceCallOutcome.Succeeded(response! with { Attempts = attempts });
                }

                cancellationToken.ThrowIfCancellationRequested();
                if (overall?.IsCancellationRequested == true)
                {
                    return Failed("overall_timeout", attempts, $"{ServiceName}: gave up after {_options.OverallTimeout!.Value.TotalMilliseconds:0} ms overall", failure.Exception);
                }

                if (!failure.IsTransient || retry >= _options.Retry.MaxRetries)
                {
                    return Failed(failure.Reason, attempts, $"{ServiceName}: {failure.Message}", failure.Exception);
                }

                if (_budget is not null && !_budget.TryWithdraw())
                {
                    _telemetry?.CallRejected(ServiceName, "retry_budget_exhausted");
                    return Failed(failure.Reason, attempts, $"{ServiceName}: {failure.Message} (retry budget exhausted)", failure.Exception);
                }

                var delay = _backoff.Delay(retry, previousDelay);
                if (failure.RetryAfter is { } retryAfter && retryAfter > delay)
                {
                    delay = retryAfter < _options.Retry.MaxDelay ? retryAfter : _options.Retry.MaxDelay;
                }

                previousDelay = delay;
                _telemetry?.RetryScheduled(ServiceName);
                StackActivities.RetryScheduled(ServiceName, attempts, delay);
                await Task.Delay(delay, _time, token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (overall?.IsCancellationRequested == true && !cancellationToken.IsCancellationRequested)
        {
            return Failed("overall_timeout", attempts, $"{ServiceName}: gave up after {_options.OverallTimeout!.Value.TotalMilliseconds:0} ms overall");
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            _telemetry?.CallCompleted(ServiceName, "cancelled");
            throw;
        }
        finally
        {
            lease?.Dispose();
        }
    }

    public async ValueTask<bool> HealthCheckAsync(CancellationToken cancellationToken = default)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5), _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            if (_requestQueue is not null)
            {
                await _requestQueue.GetDepthAsync(linked.Token).ConfigureAwait(false);
                return true;
            }

            using var response = await _http.GetAsync(new Uri(_registry.Resolve(ServiceName), "health"), linked.Token).ConfigureAwait(false);
            return response.StatusCode == HttpStatusCode.OK;
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException or PortException or KeyNotFoundException)
        {
            return false;
        }
    }

    private ServiceCallOutcome Failed(string reason, int attempts, string message, Exception? inner = null, bool rejected = false) =>
        ServiceCallOutcome.Failed(Fail(reason, attempts, message, inner, rejected));

    private ServiceCallException Fail(string reason, int attempts, string message, Exception? inner = null, bool rejected = false)
    {
        if (rejected)
        {
            _telemetry?.CallRejected(ServiceName, reason);
        }

        _telemetry?.CallCompleted(ServiceName, reason);
        return new ServiceCallException(ServiceName, reason, attempts, message, inner);
    }

    // What an attempt's result says about the dependency's health. A client error (4xx) says nothing bad about it;
    // a port that refuses for good (missing queue, access denied, invalid request) is as broken as one that times out.
    private static BreakerOutcome Outcome(AttemptFailure? failure, CancellationToken token) => failure switch
    {
        null => BreakerOutcome.Success,
        { Reason: ReasonServiceNotFound } => BreakerOutcome.Abandoned,
        { IsClientError: true } => BreakerOutcome.Success,
        _ when token.IsCancellationRequested => BreakerOutcome.Abandoned,
        _ => BreakerOutcome.Failure,
    };

    // Every outcome goes to the breaker that decided the attempt: the shared one when the service has it, else the local one.
    private ValueTask RecordAsync(BreakerDecision decision, BreakerOutcome outcome)
    {
        if (_distributed is not null)
        {
            return _distributed.RecordAsync(ServiceName, decision, outcome, CancellationToken.None);
        }

        Breaker.Record(decision, outcome);
        return ValueTask.CompletedTask;
    }

    // Every admitted attempt reports back to the breaker, whatever escapes it: a half-open probe that never
    // reported would keep its slot for ever and leave the breaker rejecting with half_open_limit.
    private async ValueTask<(ServiceResponse? Response, AttemptFailure? Failure)> GuardedAttemptAsync(JsonObject request, BreakerDecision decision, int attempt, CancellationToken token)
    {
        using var activity = StackActivities.StartAttempt(ServiceName, attempt, decision.IsProbe);
        try
        {
            var result = await AttemptAsync(request, token).ConfigureAwait(false);
            StackActivities.EndAttempt(activity, result.Failure?.Reason);
            return result;
        }
        catch (OperationCanceledException)
        {
            StackActivities.EndAttempt(activity, "cancelled");
            await RecordAsync(decision, BreakerOutcome.Abandoned).ConfigureAwait(false);
            _telemetry?.AttemptCompleted(ServiceName, "cancelled");
            throw;
        }
        catch (Exception ex)
        {
            StackActivities.EndAttempt(activity, "unexpected_error");
            await RecordAsync(decision, BreakerOutcome.Failure).ConfigureAwait(false);
            _telemetry?.AttemptCompleted(ServiceName, "unexpected_error");
            throw Fail("unexpected_error", attempt, $"{ServiceName}: {ex.GetType().Name}: {ex.Message}", ex);
        }
    }

    private async ValueTask<(ServiceResponse? Response, AttemptFailure? Failure)> AttemptAsync(JsonObject request, CancellationToken cancellationToken)
    {
        using var attemptTimeout = _options.AttemptTimeout is { } limit ? new CancellationTokenSource(limit, _time) : null;
        using var linked = attemptTimeout is null ? null : CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, attemptTimeout.Token);
        var token = linked?.Token ?? cancellationToken;
        try
        {
            return _requestQueue is null
                ? await SendHttpAsync(request, token).ConfigureAwait(false)
                : await SendToQueueAsync(request, token).ConfigureAwait(false);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            // Our attempt timeout, or HttpClient.Timeout: either way the dependency did not answer in time.
            _telemetry?.AttemptTimedOut(ServiceName);
            var after = attemptTimeout?.IsCancellationRequested == true
                ? $"{_options.AttemptTimeout!.Value.TotalMilliseconds:0}ms"
                : $"{_http.Timeout.TotalMilliseconds:0}ms (HttpClient.Timeout)";
            return (null, new AttemptFailure("timeout", true, $"request timeout after {after}", Exception: ex));
        }
    }

    private async ValueTask<(ServiceResponse?, AttemptFailure?)> SendHttpAsync(JsonObject request, CancellationToken cancellationToken)
    {
        Uri uri;
        try
        {
            uri = Target(_registry.Resolve(ServiceName));
        }
        catch (KeyNotFoundException ex)
        {
            return (null, new AttemptFailure(ReasonServiceNotFound, false, ex.Message, Exception: ex));
        }

        try
        {
            // Sent with its length, as a JSON POST usually is (JsonContent streams it chunked, decoded by both ends).
            using var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(request));
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
            using var response = await _http.PostAsync(uri, content, cancellationToken).ConfigureAwait(false);
            if (StackActivities.Current is not null && response.Headers.TryGetValues(StackActivities.InjectedFaultHeader, out var faults))
            {
                StackActivities.FaultInjected(faults.First(), target: ServiceName);
            }

            var code = (int)response.StatusCode;
            if (code >= 400)
            {
                var transient = code >= 500 || code is 408 or 429;
                return (null, new AttemptFailure($"http_{code}", transient, $"HTTP {code}", RetryAfter(response)) { IsClientError = !transient && code < 500 });
            }

            // Parsed from the buffered bytes: no string of the whole body on the way.
            using var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            JsonNode? body;
            try
            {
                body = await JsonNode.ParseAsync(stream, cancellationToken: cancellationToken).ConfigureAwait(false);
            }
            catch (JsonException ex)
            {
                return (null, new AttemptFailure("invalid_response", true, "the response body is not JSON", Exception: ex));
            }

            return (new ServiceResponse("ok", body, 1), null);
        }
        catch (HttpRequestException ex)
        {
            var reason = ex.HttpRequestError is HttpRequestError.ResponseEnded or HttpRequestError.InvalidResponse ? "invalid_response" : "connection_error";
            return (null, new AttemptFailure(reason, true, ex.Message, Exception: ex));
        }
        catch (IOException ex)
        {
            return (null, new AttemptFailure("connection_error", true, ex.Message, Exception: ex));
        }
    }

    /// <summary>The request address on <paramref name="endpoint"/>, built once per endpoint the registry gives.</summary>
    private Uri Target(Uri endpoint)
    {
        var target = Volatile.Read(ref _target);
        if (target is null || !ReferenceEquals(target.Item1, endpoint))
        {
            target = Tuple.Create(endpoint, new Uri(endpoint, _options.Path.TrimStart('/')));
            Volatile.Write(ref _target, target);
        }

        return target.Item2;
    }

    private async ValueTask<(ServiceResponse?, AttemptFailure?)> SendToQueueAsync(JsonObject request, CancellationToken cancellationToken)
    {
        var correlationId = $"{ServiceName}_{Interlocked.Increment(ref _correlationSequence):D8}";
        var message = (JsonObject)request.DeepClone();
        message["correlation_id"] = correlationId;
        message["response_topic"] = _options.ResponseTopic;
        message["timestamp"] = _time.GetUtcNow().ToString("O", CultureInfo.InvariantCulture);
        var attributes = new Dictionary<string, string>
        {
            ["CorrelationId"] = correlationId,
            ["ServiceName"] = ServiceName,
        };
        try
        {
            var messageId = await _requestQueue!.SendAsync(new OutgoingMessage(message.ToJsonString(), attributes), cancellationToken).ConfigureAwait(false);
            _telemetry?.MessageCounted(_requestQueue.Name, "sent");
            return (new ServiceResponse("accepted", null, 1, correlationId, messageId), null);
        }
        catch (PortException ex)
        {
            return (null, new AttemptFailure("queue_error", ex.IsTransient, $"{ex.Operation} failed: {ex.ErrorCode}", Exception: ex));
        }
    }

    private TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta)
        {
            return delta;
        }

        // Retry-After may also be an HTTP date.
        if (header?.Date is { } date && date - _time.GetUtcNow() is { } wait && wait > TimeSpan.Zero)
        {
            return wait;
        }

        return null;
    }
}
