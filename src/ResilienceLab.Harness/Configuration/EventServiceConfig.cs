namespace ResilienceLab.Harness.Configuration;

/// <summary>The document's <c>event_service</c>: its name (the events' Source), the bus, and the queue failed events go to.</summary>
public sealed record EventServiceConfig(string Name, string EventBusName, string? DeadLetterQueue);
