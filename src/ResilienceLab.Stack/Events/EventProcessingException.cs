namespace ResilienceLab.Stack.Events;

/// <summary>
/// Thrown by <see cref="EventDrivenService.ProcessEventAsync(string, CancellationToken)"/> when an event could not be
/// processed (unreadable envelope or a failing handler), after the service sent it to its dead-letter queue when it was
/// asked to. <see cref="DeadLettered"/> says whether that send happened, so a consumer knows whether the failed message
/// is already safe in the DLQ or must stay on its queue for redrive. The handler's exception is the inner exception.
/// </summary>
public sealed class EventProcessingException : Exception
{
    public EventProcessingException(string? eventType, bool deadLettered, string message, Exception innerException)
        : base(message, innerException)
    {
        EventType = eventType;
        DeadLettered = deadLettered;
    }

    /// <summary>The envelope's <c>detail-type</c>, or null when the envelope could not be read.</summary>
    public string? EventType { get; }

    /// <summary>True when the service sent the failed event to its dead-letter queue before throwing.</summary>
    public bool DeadLettered { get; }
}
