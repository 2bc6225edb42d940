using ResilienceLab.Stack.Ports;

namespace ResilienceLab.Chaos.Process;

/// <summary>
/// A consumer's view of a queue under <c>consumer_crash</c>: a message the fault hits in <c>stall</c> mode is received but
/// never handed to the consumer (it crashed holding it); in <c>crash_before_delete</c> mode the consumer processes it but
/// its delete never happens. Either way the message stays in flight and comes back after the visibility timeout.
/// </summary>
public sealed class ConsumerFaultQueue : IMessageQueue
{
    private readonly IMessageQueue _inner;
    private readonly ConsumerFaults _faults;
    private readonly string _target;
    private readonly HashSet<string> _crashedBeforeDelete = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    public ConsumerFaultQueue(IMessageQueue inner, ConsumerFaults faults, string target)
    {
        _inner = inner;
        _faults = faults;
        _target = target;
    }

    public string Name => _inner.Name;

    public ValueTask<string> SendAsync(OutgoingMessage message, CancellationToken cancellationToken = default) => _inner.SendAsync(message, cancellationToken);

    public ValueTask<IReadOnlyList<string>> SendBatchAsync(IReadOnlyList<OutgoingMessage> messages, CancellationToken cancellationToken = default) =>
        _inner.SendBatchAsync(messages, cancellationToken);

    public async ValueTask<IReadOnlyList<ReceivedMessage>> ReceiveAsync(int maxMessages, TimeSpan waitTime, CancellationToken cancellationToken = default)
    {
        var received = await _inner.ReceiveAsync(maxMessages, waitTime, cancellationToken).ConfigureAwait(false);
        if (received.Count == 0)
        {
            return received;
        }

        var handedOver = new List<ReceivedMessage>(received.Count);
        foreach (var message in received)
        {
            switch (_faults.Decide(_target))
            {
                case ConsumerFaultAction.Stall:
                    break;
                case ConsumerFaultAction.CrashBeforeDelete:
                    lock (_lock)
                    {
                        _crashedBeforeDelete.Add(message.ReceiptHandle);
                    }

                    handedOver.Add(message);
                    break;
                default:
                    handedOver.Add(message);
                    break;
            }
        }

        return handedOver;
    }

    public ValueTask DeleteAsync(string receiptHandle, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            if (_crashedBeforeDelete.Remove(receiptHandle))
            {
                return ValueTask.CompletedTask;
            }
        }

        return _inner.DeleteAsync(receiptHandle, cancellationToken);
    }

    public ValueTask<QueueDepth> GetDepthAsync(CancellationToken cancellationToken = default) => _inner.GetDepthAsync(cancellationToken);
}
