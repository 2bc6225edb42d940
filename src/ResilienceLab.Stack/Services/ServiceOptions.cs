using System.ComponentModel.DataAnnotations;
using ResilienceLab.Stack.Breaker;
using ResilienceLab.Stack.Bulkheads;
using ResilienceLab.Stack.Retry;
using ResilienceLab.Stack.Validation;

namespace ResilienceLab.Stack.Services;

/// <summary>One entry of the config's <c>services</c>: how the stack calls a dependency.</summary>
public sealed class ServiceOptions
{
    public required string Name { get; init; }

    /// <summary>Path appended to the endpoint the registry resolves. <value>Default <c>/</c>.</value></summary>
    public string Path { get; init; } = "/";

    /// <summary>Timeout of each attempt (<c>timeout_ms</c>); null for none. <value>Default 5 s, the document's.</value></summary>
    public TimeSpan? AttemptTimeout { get; init; } = TimeSpan.FromMilliseconds(5000);

    /// <summary>Timeout of the whole call, retries and delays included (<c>overall_timeout_ms</c>); null for none.</summary>
    public TimeSpan? OverallTimeout { get; init; }

    public RetryOptions Retry { get; init; } = new();

    public CircuitBreakerOptions CircuitBreaker { get; init; } = new();

    /// <summary>Logical name of the request queue for asynchronous calls (<c>request_queue</c>); null for synchronous HTTP.</summary>
    public string? RequestQueue { get; init; }

    /// <summary>Workers polling the request queue on the service's side (<c>worker_concurrency</c>). <value>Default 2.</value></summary>
    public int WorkerConcurrency { get; init; } = 2;

    /// <summary>Requests kept locally while the request queue is unavailable (<c>outbox_capacity</c>); 0 fails the call instead. <value>Default 0.</value></summary>
    public int OutboxCapacity { get; init; }

    /// <summary>How long the stand-in dependency takes to answer when healthy (<c>stub_latency_ms</c>). <value>Default 0.</value></summary>
    public TimeSpan StubLatency { get; init; }

    /// <summary>Logical name of the topic replies are published to (<c>response_topic</c>), passed along with asynchronous requests.</summary>
    public string? ResponseTopic { get; init; }

    /// <summary>The concurrency limit for calls to this dependency (<c>bulkhead</c>); null for none. <value>Default null.</value></summary>
    public BulkheadOptions? Bulkhead { get; init; }

    /// <summary>Throws one <see cref="ValidationException"/> listing every problem, nested options included.</summary>
    public void Validate()
    {
        var problems = OptionsValidator.Problems(
            this,
            string.Empty,
            (!string.IsNullOrWhiteSpace(Name), "Name is required"),
            (AttemptTimeout is null || AttemptTimeout > TimeSpan.Zero, "AttemptTimeout (timeout_ms) must be positive"),
            (OverallTimeout is null || OverallTimeout > TimeSpan.Zero, "OverallTimeout (overall_timeout_ms) must be positive"));
        problems.AddRange(Retry.Problems("Retry."));
        problems.AddRange(CircuitBreaker.Problems("CircuitBreaker."));
        if (Bulkhead is not null)
        {
            problems.AddRange(Bulkhead.Problems("Bulkhead."));
        }

        OptionsValidator.ThrowIfAny($"service options for '{Name}'", problems);
    }
}
