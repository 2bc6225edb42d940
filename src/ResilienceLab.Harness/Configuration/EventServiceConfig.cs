namespace ResilienceLab.Harness.Configuration;

/// <summary>The document's <c>event_service</c>: its name (the events' Source), the bus, and the queue failed events go to.</summary>
public sealed record EventServiceConfig(string Name, string EventBusName, string? DeadLetterQueue)
{
    /// <summary>Events kept while the bus is down (<c>outbox_capacity</c>); 0 publishes straight through and fails with the bus, as the document does. <value>Default 10,000.</value></summary>
    public int OutboxCapacity { get; init; } = 10_000;
}
