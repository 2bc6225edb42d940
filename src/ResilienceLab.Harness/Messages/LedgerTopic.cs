using System.Text.Json;
using System.Text.Json.Nodes;
using ResilienceLab.Stack.Ports;

namespace ResilienceLab.Harness.Messages;

/// <summary>
/// A publisher's side of a topic: gives every message a new id of the run, in the body (a JSON object gets an
/// <c>rl_message_id</c> field, which SNS's notification envelope keeps inside its <c>Message</c>) and as a message
/// attribute, and records it as sent when it is published, so one the topic could not take counts as lost; one whose
/// publish the run's own stop cancelled is withdrawn.
/// </summary>
internal sealed class LedgerTopic(ITopic inner, MessageLedger ledger, string channel) : ITopic
{
    public string Name => inner.Name;

    public async ValueTask<string> PublishAsync(string message, IReadOnlyDictionary<string, string>? attributes = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        var id = ledger.NewId();
        var stamped = attributes is null
            ? new Dictionary<string, string>(StringComparer.Ordinal)
            : new Dictionary<string, string>(attributes, StringComparer.Ordinal);
        stamped[MessageIdentity.Attribute] = id;
        ledger.Sent(channel, id, poison: false);
        try
        {
            return await inner.PublishAsync(Stamp(message, id), stamped, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            ledger.Withdrawn(id);
            throw;
        }
    }

    private static string Stamp(string message, string id)
    {
        try
        {
            if (JsonNode.Parse(message) is JsonObject body)
            {
                body[MessageIdentity.DetailField] = id;
                return body.ToJsonString();
            }
        }
        catch (JsonException)
        {
        }

        return message;
    }
}
