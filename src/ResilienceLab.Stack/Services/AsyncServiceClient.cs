using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using ResilienceLab.Stack.Breaker;
using ResilienceLab.Stack.Discovery;
using ResilienceLab.Stack.Ports;
using ResilienceLab.Stack.Retry;
using ResilienceLab.Stack.Telemetry;

namespace ResilienceLab.Stack.Services;

/// <summary>
/// The document's service client: synchronous HTTP (POST JSON to the endpoint the registry resolves) or asynchronous
/// through the service's request queue, with a timeout per attempt and overall, retries with exponential backoff
/// and jitter under a retry budget, and a circuit breaker around each attempt.
/// </summary>
/// <remarks>
/// The document wraps the breaker around the whole retry loop; here the breaker guards each attempt, so a
/// half-open probe is a single request and an open breaker ends the retries at once instead of after them.
/// </remarks>
public sealed class AsyncServiceClient : IServiceInterface
{
    private readonly ServiceOptions _options;
    private readonly IServiceRegistry _registry;
    private readonly HttpClient _http;
    private readonly TimeProvider _time;
    private readonly StackTelemetry? _telemetry;
    private readonly IMessageQueue? _requestQueue;
    private readonly RetryBudget? _budget;
    private readonly BackoffSchedule _backoff;
    private long _correlationSequence;

    public AsyncServiceClient(
        ServiceOptions options,
        IServiceRegistry registry,
        HttpClient httpClient,
        TimeProvider timeProvider,
        Func<double> random,
        StackTelemetry? telemetry = null,
        IMessageQueue? requestQueue = null,
        RetryBudget? retryBudget = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _registry = registry;
        _http = httpClient;
        _time = timeProvider;
        _telemetry = telemetry;
        _requestQueue = requestQueue;
        _budget = retryBudget ?? (options.Retry.Budget is { } budgetOptions ? new RetryBudget(budgetOptions) : null);
        _backoff = new BackoffSchedule(options.Retry, random);
        Breaker = new CircuitBreaker(options.Name, options.CircuitBreaker, timeProvider);
        telemetry?.Observe(Breaker);
    }

    public string ServiceName => _options.Name;

    public CircuitBreaker Breaker { get; }

    public async ValueTask<ServiceResponse> CallAsync(JsonObject request, CancellationToken cancellationToken = default)
    {
        using var overall = _options.OverallTimeout is { } limit ? new CancellationTokenSource(limit, _time) : null;
        using var linked = overall is null ? null : CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, overall.Token);
        var token = linked?.Token ?? cancellationToken;
        _budget?.Deposit();
        var attempts = 0;
        var previousDelay = TimeSpan.Zero;
        try
        {
            for (var retry = 0; ; retry++)
            {
                var decision = Breaker.Acquire();
                if (!decision.Allowed)
                {
                    throw Fail(decision.RejectionReason!, attempts, $"{ServiceName}: circuit breaker rejected the call ({decision.RejectionReason})", rejected: true);
                }

                attempts++;
                var (response, failure) = await AttemptAsync(request, attempts, token).ConfigureAwait(false);
                if (failure is null || !failure.IsTransient)
                {
                    // A client error (4xx) says nothing bad about the dependency's health.
                    Breaker.RecordSuccess(decision);
                }
                else if (token.IsCancellationRequested)
                {
                    Breaker.RecordAbandoned(decision);
                }
                else
                {
                    Breaker.RecordFailure(decision);
                }

                _telemetry?.AttemptCompleted(ServiceName, failure?.Reason ?? "ok");
                if (failure is null)
                {
                    _telemetry?.CallCompleted(ServiceName, "ok");
                    return response! with { Attempts = attempts };
                }

                cancellationToken.ThrowIfCancellationRequested();
                if (overall?.IsCancellationRequested == true)
                {
                    throw Fail("overall_timeout", attempts, $"{ServiceName}: gave up after {_options.OverallTimeout!.Value.TotalMilliseconds:0} ms overall", failure.Exception);
                }

                if (!failure.IsTransient || retry >= _options.Retry.MaxRetries)
                {
                    throw Fail(failure.Reason, attempts, $"{ServiceName}: {failure.Message}", failure.Exception);
                }

                if (_budget is not null && !_budget.TryWithdraw())
                {
                    _telemetry?.CallRejected(ServiceName, "retry_budget_exhausted");
                    throw Fail(failure.Reason, attempts, $"{ServiceName}: {failure.Message} (retry budget exhausted)", failure.Exception);
                }

                var delay = _backoff.Delay(retry, previousDelay);
                if (failure.RetryAfter is { } retryAfter && retryAfter > delay)
                {
                    delay = retryAfter < _options.Retry.MaxDelay ? retryAfter : _options.Retry.MaxDelay;
                }

                previousDelay = delay;
                _telemetry?.RetryScheduled(ServiceName);
                await Task.Delay(delay, _time, token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (overall?.IsCancellationRequested == true && !cancellationToken.IsCancellationRequested)
        {
            throw Fail("overall_timeout", attempts, $"{ServiceName}: gave up after {_options.OverallTimeout!.Value.TotalMilliseconds:0} ms overall");
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

    private ServiceCallException Fail(string reason, int attempts, string message, Exception? inner = null, bool rejected = false)
    {
        if (rejected)
        {
            _telemetry?.CallRejected(ServiceName, reason);
        }

        _telemetry?.CallCompleted(ServiceName, reason);
        return new ServiceCallException(ServiceName, reason, attempts, message, inner);
    }

    private ValueTask<(ServiceResponse? Response, AttemptFailure? Failure)> AttemptAsync(JsonObject request, int attempt, CancellationToken cancellationToken) =>
        _requestQueue is null ? SendHttpAsync(request, cancellationToken) : SendToQueueAsync(request, cancellationToken);

    private async ValueTask<(ServiceResponse?, AttemptFailure?)> SendHttpAsync(JsonObject request, CancellationToken cancellationToken)
    {
        using var attemptTimeout = _options.AttemptTimeout is { } limit ? new CancellationTokenSource(limit, _time) : null;
        using var linked = attemptTimeout is null ? null : CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, attemptTimeout.Token);
        var token = linked?.Token ?? cancellationToken;
        try
        {
            var uri = new Uri(_registry.Resolve(ServiceName), _options.Path.TrimStart('/'));
            using var content = JsonContent.Create(request);
            using var response = await _http.PostAsync(uri, content, token).ConfigureAwait(false);
            var code = (int)response.StatusCode;
            if (code >= 400)
            {
                var transient = code >= 500 || code is 408 or 429;
                return (null, new AttemptFailure($"http_{code}", transient, $"HTTP {code}", RetryAfter(response)));
            }

            var text = await response.Content.ReadAsStringAsync(token).ConfigureAwait(false);
            JsonNode? body;
            try
            {
                body = JsonNode.Parse(text);
            }
            catch (JsonException ex)
            {
                return (null, new AttemptFailure("invalid_response", true, "the response body is not JSON", Exception: ex));
            }

            return (new ServiceResponse("ok", body, 1), null);
        }
        catch (OperationCanceledException ex) when (attemptTimeout?.IsCancellationRequested == true && !cancellationToken.IsCancellationRequested)
        {
            _telemetry?.AttemptTimedOut(ServiceName);
            return (null, new AttemptFailure("timeout", true, $"request timeout after {_options.AttemptTimeout!.Value.TotalMilliseconds:0}ms", Exception: ex));
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
            return (new ServiceResponse("accepted", null, 1, correlationId, messageId), null);
        }
        catch (PortException ex)
        {
            return (null, new AttemptFailure("queue_error", ex.IsTransient, $"{ex.Operation} failed: {ex.ErrorCode}", Exception: ex));
        }
    }

    private static TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta)
        {
            return delta;
        }

        return null;
    }
}
