using System.Text.Json.Nodes;
using ResilienceLab.Stack.Workflows;

namespace ResilienceLab.Harness.Messages;

/// <summary>
/// The orchestrator's events on their way to the event service: each gets a new id of the run in its detail and is
/// recorded as sent when it is emitted, so one the service could not publish (no outbox, bus down) counts as lost; one
/// whose publish the run's own stop cancelled is withdrawn (the harness gave up on it, not the system).
/// </summary>
internal sealed class LedgerWorkflowEvents(IWorkflowEventPublisher inner, MessageLedger ledger, string channel) : IWorkflowEventPublisher
{
    public async ValueTask PublishEventAsync(string eventType, JsonObject eventData, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        var id = ledger.NewId();
        eventData[MessageIdentity.DetailField] = id;
        ledger.Sent(channel, id, poison: false);
        try
        {
            await inner.PublishEventAsync(eventType, eventData, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            ledger.Withdrawn(id);
            throw;
        }
    }
}
