using ResilienceLab.Chaos.Process;
using ResilienceLab.Stack.Ports;

namespace ResilienceLab.Harness.Messages;

/// <summary>
/// A producer's side of a queue: stamps every message with a new id of the run and records it as sent once the queue
/// (or the producer's outbox below) accepted it, with whether a poison fault marked it.
/// </summary>
internal sealed class LedgerProducerQueue(IMessageQueue inner, MessageLedger ledger, string channel) : IMessageQueue
{
    public string Name => inner.Name;

    public async ValueTask<string> SendAsync(OutgoingMessage message, CancellationToken cancellationToken = default)
    {
        var (stamped, id) = Stamp(message);
        var messageId = await inner.SendAsync(stamped, cancellationToken).ConfigureAwait(false);
        ledger.Sent(channel, id, PoisonMarker.IsPoison(stamped.Attributes));
        return messageId;
    }

    public async ValueTask<IReadOnlyList<string>> SendBatchAsync(IReadOnlyList<OutgoingMessage> messages, CancellationToken cancellationToken = default)
    {
        var stamped = messages.Select(Stamp).ToList();
        var ids = await inner.SendBatchAsync([.. stamped.Select(s => s.Message)], cancellationToken).ConfigureAwait(false);
        foreach (var (message, id) in stamped)
        {
            ledger.Sent(channel, id, PoisonMarker.IsPoison(message.Attributes));
        }

        return ids;
    }

    public ValueTask<IReadOnlyList<ReceivedMessage>> ReceiveAsync(int maxMessages, TimeSpan waitTime, CancellationToken cancellationToken = default) =>
        inner.ReceiveAsync(maxMessages, waitTime, cancellationToken);

    public ValueTask DeleteAsync(string receiptHandle, CancellationToken cancellationToken = default) => inner.DeleteAsync(receiptHandle, cancellationToken);

    public ValueTask<QueueDepth> GetDepthAsync(CancellationToken cancellationToken = default) => inner.GetDepthAsync(cancellationToken);

    private (OutgoingMessage Message, string Id) Stamp(OutgoingMessage message)
    {
        var id = ledger.NewId();
        var attributes = message.Attributes is null
            ? new Dictionary<string, string>(StringComparer.Ordinal)
            : new Dictionary<string, string>(message.Attributes, StringComparer.Ordinal);
        attributes[MessageIdentity.Attribute] = id;
        return (message with { Attributes = attributes }, id);
    }
}
