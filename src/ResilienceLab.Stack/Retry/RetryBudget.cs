namespace ResilienceLab.Stack.Retry;

/// <summary>The token bucket of <see cref="RetryBudgetOptions"/>; thread-safe, allocation-free.</summary>
public sealed class RetryBudget
{
    private readonly RetryBudgetOptions _options;
    private readonly Lock _lock = new();
    private double _tokens;

    public RetryBudget(RetryBudgetOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _tokens = options.MaxTokens;
    }

    public double Tokens
    {
        get
        {
            lock (_lock)
            {
                return _tokens;
            }
        }
    }

    /// <summary>Called once per call (first attempt).</summary>
    public void Deposit()
    {
        lock (_lock)
        {
            _tokens = Math.Min(_options.MaxTokens, _tokens + _options.RetryRatio);
        }
    }

    /// <summary>True (and one token spent) when a retry is allowed.</summary>
    public bool TryWithdraw()
    {
        lock (_lock)
        {
            if (_tokens < 1)
            {
                return false;
            }

            _tokens -= 1;
            return true;
        }
    }
}
