using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using ResilienceLab.Stack.Breaker;
using ResilienceLab.Stack.Bulkheads;
using ResilienceLab.Stack.Discovery;
using ResilienceLab.Stack.Distributed;
using ResilienceLab.Stack.Retry;
using ResilienceLab.Stack.Services;
using ResilienceLab.Stack.Telemetry;
using ResilienceLab.Stack.Tests.Fakes;

namespace ResilienceLab.Stack.Tests.Services;

public sealed class AsyncServiceClientTests : IDisposable
{
    private readonly FakeTimeProvider _time = new();
    private readonly StackTelemetry _telemetry = new();
    private readonly RecordedMeasurements _metrics;
    private readonly List<HttpClient> _clients = [];

    public AsyncServiceClientTests() => _metrics = new RecordedMeasurements(_telemetry);

    [Fact]
    public async Task CallAsync_503ThenOk_RetriesAndReturnsBody()
    {
        var handler = new StubHttpHandler((_, n, _) => Task.FromResult(n == 1
            ? StubHttpHandler.Json(HttpStatusCode.ServiceUnavailable)
            : StubHttpHandler.Json(HttpStatusCode.OK, """{"order":"42"}""")));
        var sut = CreateSut(handler);

        var response = await sut.CallAsync(new JsonObject());

        Assert.Equal("ok", response.Status);
        Assert.Equal("42", response.Body!["order"]!.GetValue<string>());
        Assert.Equal(2, response.Attempts);
        Assert.Equal(1, _metrics.Sum(StackInstruments.Retries));
        Assert.Equal(1, _metrics.Sum(StackInstruments.Attempts, ("outcome", "http_503")));
    }

    [Fact]
    public async Task CallAsync_EndpointReRegistered_NextCallGoesToTheNewEndpoint()
    {
        var seen = new List<Uri>();
        var handler = new StubHttpHandler((request, _, _) =>
        {
            lock (seen)
            {
                seen.Add(request.RequestUri!);
            }

            return Task.FromResult(StubHttpHandler.Json(HttpStatusCode.OK));
        });
        var registry = new ServiceRegistry();
        registry.Register("orders", new Uri("http://orders-a.test/v1/"));
        var sut = CreateSut(handler, registry: registry);

        await sut.CallAsync(new JsonObject());
        await sut.CallAsync(new JsonObject());
        registry.Register("orders", new Uri("http://orders-b.test/"));
        await sut.CallAsync(new JsonObject());

        Assert.Equal(["http://orders-a.test/v1/orders", "http://orders-a.test/v1/orders", "http://orders-b.test/orders"], seen.Select(u => u.ToString()));
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("")]
    [InlineData("{\"order\":")]
    public async Task CallAsync_200WithABodyThatIsNotJson_FailsAsInvalidResponse(string body)
    {
        var sut = CreateSut(StubHttpHandler.Always(HttpStatusCode.OK, body), retry: new RetryOptions { MaxRetries = 0, BaseDelay = TimeSpan.Zero });

        var outcome = await sut.TryCallAsync(new JsonObject());

        Assert.Null(outcome.Response);
        Assert.Equal("invalid_response", outcome.Failure!.Reason);
    }

    [Fact]
    public async Task CallAsync_400_IsNotRetried()
    {
        var handler = StubHttpHandler.Always(HttpStatusCode.BadRequest);
        var sut = CreateSut(handler);

        var ex = await Assert.ThrowsAsync<ServiceCallException>(() => sut.CallAsync(new JsonObject()).AsTask());

        Assert.Equal("http_400", ex.Reason);
        Assert.Equal(1, handler.Requests);
        Assert.Equal(CircuitState.Closed, sut.Breaker.State);
    }

    [Fact]
    public async Task CallAsync_503WithRetryAfter_WaitsRetryAfterInsteadOfBackoff()
    {
        var handler = new StubHttpHandler((_, n, _) =>
        {
            var response = StubHttpHandler.Json(n == 1 ? HttpStatusCode.ServiceUnavailable : HttpStatusCode.OK);
            if (n == 1)
            {
                response.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromSeconds(2));
            }

            return Task.FromResult(response);
        });
        var sut = CreateSut(handler, retry: new RetryOptions { MaxRetries = 1, BaseDelay = TimeSpan.FromMilliseconds(100), MaxDelay = TimeSpan.FromSeconds(5) });

        var call = sut.CallAsync(new JsonObject()).AsTask();
        _time.Advance(TimeSpan.FromMilliseconds(1999));
        Assert.Equal(1, handler.Requests);
        _time.Advance(TimeSpan.FromMilliseconds(1));
        var response = await call;

        Assert.Equal(2, handler.Requests);
        Assert.Equal(2, response.Attempts);
    }

    [Fact]
    public async Task CallAsync_AttemptTimesOut_FailsWithReasonTimeout()
    {
        var handler = new StubHttpHandler(async (_, _, ct) =>
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, ct);
            return StubHttpHandler.Json(HttpStatusCode.OK);
        });
        var sut = CreateSut(handler, retry: new RetryOptions { MaxRetries = 0 }, attemptTimeout: TimeSpan.FromSeconds(1));

        var call = sut.CallAsync(new JsonObject()).AsTask();
        _time.Advance(TimeSpan.FromSeconds(1));
        var ex = await Assert.ThrowsAsync<ServiceCallException>(() => call);

        Assert.Equal("timeout", ex.Reason);
        Assert.Equal(1, _metrics.Sum(StackInstruments.Timeouts, ("service", "orders")));
        Assert.Equal(1, sut.Breaker.FailureCount);
    }

    [Fact]
    public async Task CallAsync_OverallTimeoutDuringBackoff_FailsWithOverallTimeout()
    {
        var handler = StubHttpHandler.Always(HttpStatusCode.ServiceUnavailable);
        var sut = CreateSut(handler, retry: new RetryOptions { MaxRetries = 5, BaseDelay = TimeSpan.FromSeconds(1) }, overallTimeout: TimeSpan.FromMilliseconds(1500));

        var call = sut.CallAsync(new JsonObject()).AsTask();
        _time.Advance(TimeSpan.FromSeconds(1));
        _time.Advance(TimeSpan.FromMilliseconds(500));
        var ex = await Assert.ThrowsAsync<ServiceCallException>(() => call);

        Assert.Equal("overall_timeout", ex.Reason);
        Assert.Equal(2, ex.Attempts);
    }

    [Fact]
    public async Task CallAsync_BreakerOpen_SendsNoRequest()
    {
        var handler = StubHttpHandler.Always(HttpStatusCode.ServiceUnavailable);
        var sut = CreateSut(handler, retry: new RetryOptions { MaxRetries = 0 }, breaker: new CircuitBreakerOptions { FailureThreshold = 1 });
        await Assert.ThrowsAsync<ServiceCallException>(() => sut.CallAsync(new JsonObject()).AsTask());

        var ex = await Assert.ThrowsAsync<ServiceCallException>(() => sut.CallAsync(new JsonObject()).AsTask());

        Assert.Equal("circuit_open", ex.Reason);
        Assert.Equal(0, ex.Attempts);
        Assert.Equal(1, handler.Requests);
        Assert.Equal(1, _metrics.Sum(StackInstruments.Rejections, ("reason", "circuit_open")));
        Assert.Equal(1, _metrics.Sum(StackInstruments.BreakerTransitions, ("to", "Open")));
    }

    [Fact]
    public async Task TryCallAsync_BreakerOpen_ReturnsTheFailureTheCallWouldThrow()
    {
        var handler = StubHttpHandler.Always(HttpStatusCode.ServiceUnavailable);
        var sut = CreateSut(handler, retry: new RetryOptions { MaxRetries = 0 }, breaker: new CircuitBreakerOptions { FailureThreshold = 1 });
        var first = await sut.TryCallAsync(new JsonObject());

        var second = await sut.TryCallAsync(new JsonObject());

        Assert.Equal(("http_503", 1), (first.Failure!.Reason, first.Failure.Attempts));
        Assert.Null(second.Response);
        Assert.Equal(("circuit_open", 0, "orders"), (second.Failure!.Reason, second.Failure.Attempts, second.Failure.ServiceName));
        Assert.Equal(1, handler.Requests);
        Assert.Equal(1, _metrics.Sum(StackInstruments.Rejections, ("reason", "circuit_open")));
    }

    [Fact]
    public async Task TryCallAsync_Success_ReturnsTheResponse()
    {
        var handler = StubHttpHandler.Always(HttpStatusCode.OK);
        var sut = CreateSut(handler);

        var outcome = await sut.TryCallAsync(new JsonObject());

        Assert.Null(outcome.Failure);
        Assert.Equal(("ok", 1), (outcome.Response!.Status, outcome.Response.Attempts));
    }

    [Fact]
    public async Task CallAsync_BreakerOpensMidRetries_StopsRetryingAtOnce()
    {
        var handler = StubHttpHandler.Always(HttpStatusCode.ServiceUnavailable);
        var sut = CreateSut(handler, retry: new RetryOptions { MaxRetries = 5, BaseDelay = TimeSpan.Zero }, breaker: new CircuitBreakerOptions { FailureThreshold = 2 });

        var ex = await Assert.ThrowsAsync<ServiceCallException>(() => sut.CallAsync(new JsonObject()).AsTask());

        Assert.Equal("circuit_open", ex.Reason);
        Assert.Equal(2, handler.Requests);
    }

    [Fact]
    public async Task CallAsync_RetryStormAgainstAlways503_IsBoundedByRetryBudget()
    {
        var handler = StubHttpHandler.Always(HttpStatusCode.ServiceUnavailable);
        var sut = CreateSut(
            handler,
            retry: new RetryOptions { MaxRetries = 3, BaseDelay = TimeSpan.Zero, Budget = new RetryBudgetOptions { RetryRatio = 0.1, MaxTokens = 10 } },
            breaker: new CircuitBreakerOptions { Enabled = false });

        for (var i = 0; i < 100; i++)
        {
            await Assert.ThrowsAsync<ServiceCallException>(() => sut.CallAsync(new JsonObject()).AsTask());
        }

        // Without the budget: 100 * (1 + 3) = 400 attempts.
        Assert.InRange(handler.Requests, 100, 100 + 10 + (0.1 * 100));
        Assert.True(_metrics.Sum(StackInstruments.Rejections, ("reason", "retry_budget_exhausted")) > 0);
    }

    [Fact]
    public async Task CallAsync_BulkheadFull_RejectsWithoutRequest()
    {
        var release = new TaskCompletionSource();
        var handler = new StubHttpHandler(async (_, _, _) =>
        {
            await release.Task;
            return StubHttpHandler.Json(HttpStatusCode.OK);
        });
        var sut = CreateSut(handler, bulkhead: new BulkheadOptions { MaxConcurrency = 1, MaxQueue = 0 });
        var first = sut.CallAsync(new JsonObject()).AsTask();

        var ex = await Assert.ThrowsAsync<ServiceCallException>(() => sut.CallAsync(new JsonObject()).AsTask());
        release.SetResult();
        await first;

        Assert.Equal("bulkhead_full", ex.Reason);
        Assert.Contains("is full: 1 calls in progress and 0 waiting", ex.Message, StringComparison.Ordinal);
        Assert.Null(ex.InnerException); // the rejection is an answer, not a caught exception
        Assert.Equal(0, ex.Attempts);
        Assert.Equal(1, handler.Requests);
        Assert.Equal(1, _metrics.Sum(StackInstruments.Rejections, ("reason", "bulkhead_full")));
        Assert.Equal(0, sut.Bulkhead!.Active);
    }

    [Fact]
    public async Task CallAsync_HalfOpenProbeCancelledByCaller_GivesProbeSlotBack()
    {
        var probeGate = new ProbeGate();
        var handler = probeGate.Handler();
        var sut = CreateSut(
            handler,
            retry: new RetryOptions { MaxRetries = 0 },
            breaker: new CircuitBreakerOptions { FailureThreshold = 1, HalfOpenMaxCalls = 1, BreakDuration = TimeSpan.FromSeconds(10) },
            attemptTimeout: null);
        await Assert.ThrowsAsync<ServiceCallException>(() => sut.CallAsync(new JsonObject()).AsTask());
        _time.Advance(TimeSpan.FromSeconds(10));
        var response = await probeGate.CancelProbeThenCallAsync(sut);

        Assert.Equal("ok", response.Status);
        Assert.Equal(CircuitState.Closed, sut.Breaker.State);
    }

    [Fact]
    public async Task CallAsync_ServiceNotRegistered_FailsWithServiceNotFoundAndBreakerUntouched()
    {
        var handler = StubHttpHandler.Always(HttpStatusCode.OK);
        var sut = CreateSut(handler, registry: new ServiceRegistry());

        var ex = await Assert.ThrowsAsync<ServiceCallException>(() => sut.CallAsync(new JsonObject()).AsTask());

        Assert.Equal("service_not_found", ex.Reason);
        Assert.Equal(0, sut.Breaker.FailureCount);
    }

    [Fact]
    public async Task CallAsync_WithRequestQueue_SendsMessageAndReturnsAcceptedWithCorrelationId()
    {
        var queue = new InMemoryQueue("orders-requests", _time);
        var sut = CreateSut(StubHttpHandler.Always(HttpStatusCode.OK), requestQueue: queue);

        var response = await sut.CallAsync(new JsonObject { ["order_id"] = "12345" });

        Assert.Equal("accepted", response.Status);
        Assert.Equal("orders_00000001", response.CorrelationId);
        var body = JsonNode.Parse(Assert.Single(queue.Bodies))!;
        Assert.Equal("12345", body["order_id"]!.GetValue<string>());
        Assert.Equal("orders_00000001", body["correlation_id"]!.GetValue<string>());
        Assert.Equal("orders-replies", body["response_topic"]!.GetValue<string>());
        Assert.Equal(1, _metrics.Sum(StackInstruments.Messages, ("queue", "orders-requests"), ("stage", "sent")));
    }

    [Fact]
    public async Task CallAsync_RequestQueueUnavailable_RetriesThenFailsWithQueueError()
    {
        var queue = new InMemoryQueue("orders-requests", _time) { Unavailable = true };
        var sut = CreateSut(StubHttpHandler.Always(HttpStatusCode.OK), requestQueue: queue, retry: new RetryOptions { MaxRetries = 2, BaseDelay = TimeSpan.Zero });

        var ex = await Assert.ThrowsAsync<ServiceCallException>(() => sut.CallAsync(new JsonObject()).AsTask());

        Assert.Equal("queue_error", ex.Reason);
        Assert.Equal(3, ex.Attempts);
    }

    [Fact]
    public async Task CallAsync_404_IsNotABreakerFailure()
    {
        var handler = StubHttpHandler.Always(HttpStatusCode.NotFound);
        var sut = CreateSut(handler, breaker: new CircuitBreakerOptions { FailureThreshold = 1 });

        await Assert.ThrowsAsync<ServiceCallException>(() => sut.CallAsync(new JsonObject()).AsTask());
        var ex = await Assert.ThrowsAsync<ServiceCallException>(() => sut.CallAsync(new JsonObject()).AsTask());

        Assert.Equal("http_404", ex.Reason);
        Assert.Equal(2, handler.Requests);
        Assert.Equal(CircuitState.Closed, sut.Breaker.State);
    }

    [Fact]
    public async Task CallAsync_RequestQueueDoesNotExist_CountsAsBreakerFailureAndOpens()
    {
        var queue = new InMemoryQueue("orders-requests", _time) { Missing = true };
        var sut = CreateSut(StubHttpHandler.Always(HttpStatusCode.OK), requestQueue: queue, retry: new RetryOptions { MaxRetries = 3, BaseDelay = TimeSpan.Zero }, breaker: new CircuitBreakerOptions { FailureThreshold = 2 });

        var first = await Assert.ThrowsAsync<ServiceCallException>(() => sut.CallAsync(new JsonObject()).AsTask());
        await Assert.ThrowsAsync<ServiceCallException>(() => sut.CallAsync(new JsonObject()).AsTask());
        var third = await Assert.ThrowsAsync<ServiceCallException>(() => sut.CallAsync(new JsonObject()).AsTask());

        Assert.Equal(("queue_error", 1), (first.Reason, first.Attempts));
        Assert.Equal(("circuit_open", 0), (third.Reason, third.Attempts));
        Assert.Equal(CircuitState.Open, sut.Breaker.State);
    }

    [Fact]
    public async Task CallAsync_UnexpectedErrorWithSharedBreaker_CountsOnTheSharedBreaker()
    {
        await using var shared = CreateSharedBreaker(failureThreshold: 2);
        var handler = new StubHttpHandler((_, _, _) => throw new InvalidOperationException("a bug in a handler"));
        var sut = CreateSut(handler, retry: new RetryOptions { MaxRetries = 0 }, distributedBreaker: shared);

        var first = await Assert.ThrowsAsync<ServiceCallException>(() => sut.CallAsync(new JsonObject()).AsTask());
        await Assert.ThrowsAsync<ServiceCallException>(() => sut.CallAsync(new JsonObject()).AsTask());
        var third = await Assert.ThrowsAsync<ServiceCallException>(() => sut.CallAsync(new JsonObject()).AsTask());

        Assert.Equal("unexpected_error", first.Reason);
        Assert.Equal("circuit_open", third.Reason);
        Assert.Equal(2, handler.Requests);
        Assert.Equal(CircuitState.Open, shared.ViewState("orders"));
        Assert.Equal(0, sut.Breaker.FailureCount);
    }

    [Fact]
    public async Task CallAsync_SharedBreakerProbeCancelledByCaller_GivesTheSharedProbeSlotBack()
    {
        await using var shared = CreateSharedBreaker(failureThreshold: 1, halfOpenMaxCalls: 1);
        var probeGate = new ProbeGate();
        var handler = probeGate.Handler();
        var sut = CreateSut(handler, retry: new RetryOptions { MaxRetries = 0 }, attemptTimeout: null, distributedBreaker: shared);
        await Assert.ThrowsAsync<ServiceCallException>(() => sut.CallAsync(new JsonObject()).AsTask());
        _time.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal("circuit_open", (await Assert.ThrowsAsync<ServiceCallException>(() => sut.CallAsync(new JsonObject()).AsTask())).Reason);
        _time.Advance(SharedRefresh);
        var response = await probeGate.CancelProbeThenCallAsync(sut);

        Assert.Equal("ok", response.Status);
        Assert.Equal(CircuitState.Closed, shared.ViewState("orders"));
        Assert.Equal(3, handler.Requests);
    }

    public void Dispose()
    {
        _metrics.Dispose();
        _telemetry.Dispose();
        foreach (var client in _clients)
        {
            client.Dispose();
        }
    }

    private static readonly TimeSpan SharedRefresh = TimeSpan.FromMilliseconds(200);

    /// <summary>A dependency that fails the first request with 503 and then holds requests until released; a caller cancels the held probe.</summary>
    private sealed class ProbeGate
    {
        private volatile bool _block = true;

        public StubHttpHandler Handler() => new(async (_, n, ct) =>
        {
            if (n == 1)
            {
                return StubHttpHandler.Json(HttpStatusCode.ServiceUnavailable);
            }

            if (_block)
            {
                await Task.Delay(Timeout.InfiniteTimeSpan, ct);
            }

            return StubHttpHandler.Json(HttpStatusCode.OK);
        });

        // The probe is cancelled while the dependency holds it; then the dependency answers and the next call goes through.
        public async Task<ServiceResponse> CancelProbeThenCallAsync(AsyncServiceClient sut)
        {
            using var cts = new CancellationTokenSource();
            var probe = sut.CallAsync(new JsonObject(), cts.Token).AsTask();
            await cts.CancelAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => probe);
            _block = false;
            return await sut.CallAsync(new JsonObject());
        }
    }

    private static ServiceOptions Options() => new() { Name = "orders" };

    private CircuitBreakerManager CreateSharedBreaker(int failureThreshold, int halfOpenMaxCalls = 3) => new(
        new InMemoryBreakerTable(),
        new DistributedBreakerOptions { InstanceId = "i-1", FailureThreshold = failureThreshold, TimeoutSeconds = 10, HalfOpenMaxCalls = halfOpenMaxCalls, RefreshInterval = SharedRefresh },
        _time);

    private AsyncServiceClient CreateSut(
        StubHttpHandler handler,
        RetryOptions? retry = null,
        CircuitBreakerOptions? breaker = null,
        BulkheadOptions? bulkhead = null,
        TimeSpan? attemptTimeout = default,
        TimeSpan? overallTimeout = null,
        ServiceRegistry? registry = null,
        InMemoryQueue? requestQueue = null,
        CircuitBreakerManager? distributedBreaker = null)
    {
        if (registry is null)
        {
            registry = new ServiceRegistry();
            registry.Register("orders", new Uri("http://orders.test/"));
        }

        var http = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
        _clients.Add(http);
        var options = new ServiceOptions
        {
            Name = "orders",
            Path = "/orders",
            AttemptTimeout = attemptTimeout ?? TimeSpan.FromSeconds(5),
            OverallTimeout = overallTimeout,
            Retry = retry ?? new RetryOptions { MaxRetries = 3, BaseDelay = TimeSpan.Zero },
            CircuitBreaker = breaker ?? new CircuitBreakerOptions(),
            Bulkhead = bulkhead,
            RequestQueue = requestQueue?.Name,
            ResponseTopic = "orders-replies",
        };
        return new AsyncServiceClient(options, registry, http, _time, new Random(42).NextDouble, _telemetry, requestQueue, distributedBreaker: distributedBreaker);
    }
}
