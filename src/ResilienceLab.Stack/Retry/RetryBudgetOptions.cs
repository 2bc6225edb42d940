using System.ComponentModel.DataAnnotations;

namespace ResilienceLab.Stack.Retry;

/// <summary>
/// A token bucket per dependency: each first attempt deposits <see cref="RetryRatio"/> tokens, each retry spends one,
/// and the bucket holds at most <see cref="MaxTokens"/>. Under a total outage retries fall to about RetryRatio per call.
/// </summary>
public sealed class RetryBudgetOptions
{
    /// <summary>Tokens earned per first attempt (<c>retry_ratio</c>). <value>Default 0.1: at most one retry per ten calls, sustained.</value></summary>
    [Range(0.0, 10.0)]
    public double RetryRatio { get; init; } = 0.1;

    /// <summary>Bucket size and starting balance (<c>max_tokens</c>). <value>Default 10.</value></summary>
    [Range(0.0, 1_000_000.0)]
    public double MaxTokens { get; init; } = 10;
}
