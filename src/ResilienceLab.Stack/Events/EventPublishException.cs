namespace ResilienceLab.Stack.Events;

/// <summary>A publish that failed with the outbox turned off (<see cref="EventServiceOptions.OutboxCapacity"/> 0), as the document's <c>publish_event</c> raises.</summary>
public sealed class EventPublishException : Exception
{
    public EventPublishException(string eventType, string message, Exception? innerException = null)
        : base($"Failed to publish event {eventType}: {message}", innerException)
    {
        EventType = eventType;
    }

    public string EventType { get; }
}
