namespace ResilienceLab.Stack.Retry;

/// <summary>The token bucket of <see cref="RetryBudgetOptions"/>; thread-safe, allocation-free.</summary>
/// <remarks>
/// Tokens are kept as whole thousandths: in doubles, ten deposits of 0.1 sum to 0.9999999999999999 and would
/// never earn the retry the ratio promises.
/// </remarks>
public sealed class RetryBudget
{
    private const long Scale = 1000;

    private readonly Lock _lock = new();
    private readonly long _maxMilliTokens;
    private readonly long _depositMilliTokens;
    private long _milliTokens;

    public RetryBudget(RetryBudgetOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _maxMilliTokens = (long)Math.Round(options.MaxTokens * Scale);
        _depositMilliTokens = (long)Math.Round(options.RetryRatio * Scale);
        _milliTokens = _maxMilliTokens;
    }

    public double Tokens
    {
        get
        {
            lock (_lock)
            {
                return (double)_milliTokens / Scale;
            }
        }
    }

    /// <summary>Called once per call (first attempt).</summary>
    public void Deposit()
    {
        lock (_lock)
        {
            _milliTokens = Math.Min(_maxMilliTokens, _milliTokens + _depositMilliTokens);
        }
    }

    /// <summary>True (and one token spent) when a retry is allowed.</summary>
    public bool TryWithdraw()
    {
        lock (_lock)
        {
            if (_milliTokens < Scale)
            {
                return false;
            }

            _milliTokens -= Scale;
            return true;
        }
    }
}
