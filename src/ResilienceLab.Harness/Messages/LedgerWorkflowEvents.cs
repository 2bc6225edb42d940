using System.Text.Json.Nodes;
using ResilienceLab.Stack.Workflows;

namespace ResilienceLab.Harness.Messages;

/// <summary>
/// The orchestrator's events on their way to the event service: each gets a new id of the run in its detail and is
/// recorded as sent when it is emitted, so one the service could not publish (no outbox, bus down) counts as lost.
/// </summary>
internal sealed class LedgerWorkflowEvents(IWorkflowEventPublisher inner, MessageLedger ledger, string channel) : IWorkflowEventPublisher
{
    public ValueTask PublishEventAsync(string eventType, JsonObject eventData, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        var id = ledger.NewId();
        eventData[MessageIdentity.DetailField] = id;
        ledger.Sent(channel, id, poison: false);
        return inner.PublishEventAsync(eventType, eventData, cancellationToken);
    }
}
