using System.ComponentModel.DataAnnotations;
using ResilienceLab.Stack.Validation;

namespace ResilienceLab.Stack.Breaker;

/// <summary>The document's breaker knobs (<c>circuit_breaker</c> in the config).</summary>
public sealed class CircuitBreakerOptions
{
    /// <summary>Consecutive failures that open the breaker. <value>Default 5, the document's.</value></summary>
    [Range(1, int.MaxValue)]
    public int FailureThreshold { get; init; } = CircuitBreakerConstants.DefaultFailureThreshold;

    /// <summary>How long the breaker stays open before it lets probes through (<c>timeout_seconds</c>). <value>Default 60 s.</value></summary>
    public TimeSpan BreakDuration { get; init; } = CircuitBreakerConstants.DefaultBreakDuration;

    /// <summary>Probes allowed while half-open (<c>half_open_max_calls</c>). <value>Default 3.</value></summary>
    [Range(1, int.MaxValue)]
    public int HalfOpenMaxCalls { get; init; } = CircuitBreakerConstants.DefaultHalfOpenMaxCalls;

    /// <summary>
    /// Successful probes needed to close. The document closes on the first; a value up to
    /// <see cref="HalfOpenMaxCalls"/> asks for more evidence. <value>Default 1.</value>
    /// </summary>
    [Range(1, int.MaxValue)]
    public int HalfOpenSuccessesToClose { get; init; } = 1;

    /// <summary>False passes every call through (used to show what the breaker contains). <value>Default true.</value></summary>
    public bool Enabled { get; init; } = true;

    /// <summary>Throws one <see cref="ValidationException"/> listing every problem.</summary>
    public void Validate() => OptionsValidator.ThrowIfAny("circuit_breaker options", Problems(string.Empty));

    internal List<string> Problems(string prefix) => OptionsValidator.Problems(
        this,
        prefix,
        (BreakDuration >= TimeSpan.Zero, "BreakDuration (timeout_seconds) must not be negative"),
        // More successes than probes could never close the breaker: it would stay half-open, rejecting, for ever.
        (HalfOpenSuccessesToClose <= HalfOpenMaxCalls, $"HalfOpenSuccessesToClose ({HalfOpenSuccessesToClose}) must not exceed HalfOpenMaxCalls ({HalfOpenMaxCalls})"));
}
