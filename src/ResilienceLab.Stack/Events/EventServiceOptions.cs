using System.ComponentModel.DataAnnotations;
using ResilienceLab.Stack.Validation;

namespace ResilienceLab.Stack.Events;

/// <summary>The config's <c>event_service</c>: the service's name, its bus, and the outbox that keeps events while the bus is down.</summary>
public sealed class EventServiceOptions
{
    /// <summary>The service's name (<c>name</c>): the events' Source and the DLQ messages' <c>service_name</c>.</summary>
    [Required]
    public required string Name { get; init; }

    /// <summary>The bus events go to (<c>event_bus_name</c>); null uses the bus's own name. <value>Default null.</value></summary>
    public string? EventBusName { get; init; }

    /// <summary>
    /// Events kept while the bus is unavailable (<c>outbox_capacity</c>); beyond it new events are dropped and counted.
    /// 0 turns the outbox off: a failed publish throws, as the document's <c>publish_event</c> does. <value>Default 10,000.</value>
    /// </summary>
    [Range(0, int.MaxValue)]
    public int OutboxCapacity { get; init; } = EventServiceConstants.DefaultOutboxCapacity;

    /// <summary>First wait before the outbox retries the bus after a failure; doubles per consecutive failure. <value>Default 1 s.</value></summary>
    public TimeSpan OutboxBaseDelay { get; init; } = EventServiceConstants.DefaultOutboxBaseDelay;

    /// <summary>Longest wait between outbox retries. <value>Default 60 s.</value></summary>
    public TimeSpan OutboxMaxDelay { get; init; } = EventServiceConstants.DefaultOutboxMaxDelay;

    /// <summary>Throws one <see cref="ValidationException"/> listing every problem.</summary>
    public void Validate() => OptionsValidator.ThrowIfAny(
        "event_service options",
        OptionsValidator.Problems(
            this,
            string.Empty,
            (!string.IsNullOrWhiteSpace(Name), "Name is required"),
            (OutboxBaseDelay >= TimeSpan.Zero, "OutboxBaseDelay must not be negative"),
            (OutboxMaxDelay >= OutboxBaseDelay, "OutboxMaxDelay must not be less than OutboxBaseDelay")));
}
