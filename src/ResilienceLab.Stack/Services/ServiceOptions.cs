using ResilienceLab.Stack.Breaker;
using ResilienceLab.Stack.Retry;

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

    /// <summary>Logical name of the topic replies are published to (<c>response_topic</c>), passed along with asynchronous requests.</summary>
    public string? ResponseTopic { get; init; }
}
