using System.ComponentModel.DataAnnotations;
using ResilienceLab.Stack.Validation;

namespace ResilienceLab.Stack.Services;

/// <summary>How a <see cref="ResponseCorrelator"/> reads its reply queue.</summary>
public sealed class ResponseCorrelatorOptions
{
    /// <summary>Messages per receive, 1 to 10. <value>Default 10.</value></summary>
    [Range(1, 10)]
    public int MaxMessages { get; init; } = 10;

    /// <summary>Long-poll wait per receive. <value>Default 20 s.</value></summary>
    public TimeSpan WaitTime { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>Pause after a receive failed. <value>Default 1 s.</value></summary>
    public TimeSpan ReceiveErrorDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Replies kept that arrived before anyone waited for them; beyond it the oldest is discarded. <value>Default 1,000.</value></summary>
    [Range(0, int.MaxValue)]
    public int MaxEarlyResponses { get; init; } = 1000;

    /// <summary>Throws one <see cref="ValidationException"/> listing every problem.</summary>
    public void Validate() => OptionsValidator.ThrowIfAny(
        "response correlator options",
        OptionsValidator.Problems(
            this,
            string.Empty,
            (WaitTime >= TimeSpan.Zero, "WaitTime must not be negative"),
            (ReceiveErrorDelay >= TimeSpan.Zero, "ReceiveErrorDelay must not be negative")));
}
