using System.ComponentModel.DataAnnotations;
using ResilienceLab.Stack.Validation;

namespace ResilienceLab.Stack.Retry;

/// <summary>The document's <c>retry_config</c> plus jitter, a delay cap and a retry budget.</summary>
public sealed class RetryOptions
{
    /// <summary>Retries after the first attempt (<c>max_retries</c>). <value>Default 3.</value></summary>
    [Range(0, 100)]
    public int MaxRetries { get; init; } = 3;

    /// <summary>Multiplier between delays (<c>backoff_factor</c>). <value>Default 2.</value></summary>
    [Range(1.0, 100.0)]
    public double BackoffFactor { get; init; } = 2;

    /// <summary>First delay (<c>base_delay_ms</c>). <value>Default 100 ms.</value></summary>
    public TimeSpan BaseDelay { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>No delay grows beyond this (<c>max_delay_ms</c>). <value>Default 5 s.</value></summary>
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary><value>Default <see cref="JitterMode.None"/>, as the document.</value></summary>
    public JitterMode Jitter { get; init; } = JitterMode.None;

    /// <summary>The retry budget shared by every call to one dependency; null for none.</summary>
    public RetryBudgetOptions? Budget { get; init; }

    /// <summary>Throws one <see cref="ValidationException"/> listing every problem.</summary>
    public void Validate() => OptionsValidator.ThrowIfAny("retry_config", Problems(string.Empty));

    internal List<string> Problems(string prefix)
    {
        var problems = OptionsValidator.Problems(
            this,
            prefix,
            (BaseDelay >= TimeSpan.Zero, "BaseDelay (base_delay_ms) must not be negative"),
            (MaxDelay >= BaseDelay, "MaxDelay (max_delay_ms) must not be less than BaseDelay"),
            (Enum.IsDefined(Jitter), $"Jitter {Jitter} is not a jitter mode"));
        if (Budget is not null)
        {
            problems.AddRange(OptionsValidator.Problems(Budget, prefix + "Budget."));
        }

        return problems;
    }
}
