namespace ResilienceLab.Stack.Services;

/// <summary>Why one attempt failed, whether a retry may help, and how long the dependency asked us to wait (Retry-After).</summary>
internal sealed record AttemptFailure(string Reason, bool IsTransient, string Message, TimeSpan? RetryAfter = null, Exception? Exception = null)
{
    /// <summary>An HTTP 4xx other than 408 and 429: the request was wrong, the dependency is fine.</summary>
    public bool IsClientError { get; init; }
}
