namespace ResilienceLab.Stack.Retry;

/// <summary>
/// The delay before each retry: the document's <c>base_delay_ms * backoff_factor ^ attempt</c>, capped, with optional jitter
/// from an injected randomizer (values in [0, 1)), so a seeded run replays exactly.
/// </summary>
public sealed class BackoffSchedule
{
    private readonly RetryOptions _options;
    private readonly Func<double> _random;

    public BackoffSchedule(RetryOptions options, Func<double> random)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _random = random;
    }

    /// <summary>The delay before retry number <paramref name="attempt"/> (0 for the first retry), given the previous delay (for decorrelated jitter).</summary>
    public TimeSpan Delay(int attempt, TimeSpan previousDelay)
    {
        var baseMs = _options.BaseDelay.TotalMilliseconds;
        var capMs = _options.MaxDelay.TotalMilliseconds;
        // factor^attempt overflows to infinity after enough attempts, and 0 * infinity is NaN: a zero base stays zero.
        var exponentialMs = baseMs <= 0 ? 0 : Math.Min(capMs, baseMs * Math.Pow(_options.BackoffFactor, attempt));
        var ms = _options.Jitter switch
        {
            JitterMode.None => exponentialMs,
            JitterMode.Full => _random() * exponentialMs,
            JitterMode.Equal => (exponentialMs / 2) + (_random() * exponentialMs / 2),
            JitterMode.Decorrelated => Math.Min(capMs, baseMs + (_random() * ((Math.Max(previousDelay.TotalMilliseconds, baseMs) * 3) - baseMs))),
            _ => exponentialMs,
        };
        return TimeSpan.FromMilliseconds(ms);
    }
}
