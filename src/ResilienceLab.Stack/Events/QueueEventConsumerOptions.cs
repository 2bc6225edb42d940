using System.ComponentModel.DataAnnotations;
using ResilienceLab.Stack.Validation;

namespace ResilienceLab.Stack.Events;

/// <summary>How a <see cref="QueueEventConsumer"/> polls its queue and dead-letters what fails.</summary>
public sealed class QueueEventConsumerOptions
{
    /// <summary>Messages per receive, 1 to 10. <value>Default 10.</value></summary>
    [Range(1, 10)]
    public int MaxMessages { get; init; } = EventServiceConstants.DefaultReceiveMaxMessages;

    /// <summary>Long-poll wait per receive. <value>Default 20 s, the document's ReceiveMessageWaitTimeSeconds.</value></summary>
    public TimeSpan WaitTime { get; init; } = EventServiceConstants.DefaultReceiveWaitTime;

    /// <summary>Pause after a receive failed (the queue API is down). <value>Default 1 s.</value></summary>
    public TimeSpan ReceiveErrorDelay { get; init; } = EventServiceConstants.DefaultReceiveErrorDelay;

    /// <summary><value>Default <see cref="DeadLetterMode.QueueRedrive"/>.</value></summary>
    public DeadLetterMode DeadLetterMode { get; init; } = DeadLetterMode.QueueRedrive;

    /// <summary>Throws one <see cref="ValidationException"/> listing every problem.</summary>
    public void Validate() => OptionsValidator.ThrowIfAny(
        "consumer options",
        OptionsValidator.Problems(
            this,
            string.Empty,
            (WaitTime >= TimeSpan.Zero, "WaitTime must not be negative"),
            (ReceiveErrorDelay >= TimeSpan.Zero, "ReceiveErrorDelay must not be negative"),
            (Enum.IsDefined(DeadLetterMode), $"DeadLetterMode {DeadLetterMode} is not a mode")));
}
