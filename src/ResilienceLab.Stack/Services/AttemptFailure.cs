namespace ResilienceLab.Stack.Services;

/// <summary>Why one attempt failed, whether a retry may help, and how long the dependency asked us to wait (Retry-After).</summary>
internal sealed record AttemptFailure(string Reason, bool IsTransient, string Message, TimeSpan? RetryAfter = null, Exception? Exception = null);
