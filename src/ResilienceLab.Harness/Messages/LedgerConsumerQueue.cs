using ResilienceLab.Stack.Ports;

namespace ResilienceLab.Harness.Messages;

/// <summary>A consumer's side of a queue: records which of the run's messages it received, and which it deleted after handling.</summary>
internal sealed class LedgerConsumerQueue(IMessageQueue inner, MessageLedger ledger) : IMessageQueue
{
    public string Name => inner.Name;

    public ValueTask<string> SendAsync(OutgoingMessage message, CancellationToken cancellationToken = default) => inner.SendAsync(message, cancellationToken);

    public ValueTask<IReadOnlyList<string>> SendBatchAsync(IReadOnlyList<OutgoingMessage> messages, CancellationToken cancellationToken = default) =>
        inner.SendBatchAsync(messages, cancellationToken);

    public async ValueTask<IReadOnlyList<ReceivedMessage>> ReceiveAsync(int maxMessages, TimeSpan waitTime, CancellationToken cancellationToken = default)
    {
        var messages = await inner.ReceiveAsync(maxMessages, waitTime, cancellationToken).ConfigureAwait(false);
        foreach (var message in messages)
        {
            if (MessageIdentity.Find(ledger.RunId, message) is { } id)
            {
                ledger.Received(message.ReceiptHandle, id);
            }
        }

        return messages;
    }

    public async ValueTask DeleteAsync(string receiptHandle, CancellationToken cancellationToken = default)
    {
        await inner.DeleteAsync(receiptHandle, cancellationToken).ConfigureAwait(false);
        ledger.Deleted(receiptHandle);
    }

    public ValueTask<QueueDepth> GetDepthAsync(CancellationToken cancellationToken = default) => inner.GetDepthAsync(cancellationToken);
}
