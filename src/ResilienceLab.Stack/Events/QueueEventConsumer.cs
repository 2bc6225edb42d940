using ResilienceLab.Stack.Ports;
using ResilienceLab.Stack.Telemetry;

namespace ResilienceLab.Stack.Events;

/// <summary>
/// Long-polls a queue (the target of an event rule) and hands each message to <see cref="EventDrivenService.ProcessEventAsync(string, bool, CancellationToken)"/>.
/// A processed message is deleted. A failed one is handled by <see cref="QueueEventConsumerOptions.DeadLetterMode"/>:
/// left on the queue for its redrive policy (<see cref="DeadLetterMode.QueueRedrive"/>), or sent to the service's DLQ
/// and then deleted (<see cref="DeadLetterMode.ServiceDlq"/>). Never both, so a poison message is dead-lettered once.
/// </summary>
public sealed class QueueEventConsumer
{
    private readonly IMessageQueue _queue;
    private readonly EventDrivenService _service;
    private readonly TimeProvider _time;
    private readonly QueueEventConsumerOptions _options;
    private readonly StackTelemetry? _telemetry;
    private long _received;
    private long _processed;
    private long _failed;
    private long _deadLettered;
    private long _deleteFailures;
    private long _receiveFailures;

    public QueueEventConsumer(IMessageQueue queue, EventDrivenService service, TimeProvider timeProvider, QueueEventConsumerOptions? options = null, StackTelemetry? telemetry = null)
    {
        ArgumentNullException.ThrowIfNull(queue);
        ArgumentNullException.ThrowIfNull(service);
        _options = options ?? new QueueEventConsumerOptions();
        _options.Validate();
        _queue = queue;
        _service = service;
        _time = timeProvider;
        _telemetry = telemetry;
    }

    public string QueueName => _queue.Name;

    public DeadLetterMode DeadLetterMode => _options.DeadLetterMode;

    public long Received => Interlocked.Read(ref _received);

    /// <summary>Messages processed and deleted.</summary>
    public long Processed => Interlocked.Read(ref _processed);

    /// <summary>Receives whose processing failed (a poison message counts once per receive).</summary>
    public long Failed => Interlocked.Read(ref _failed);

    /// <summary>Failed messages the service sent to its DLQ and this consumer deleted (<see cref="DeadLetterMode.ServiceDlq"/> only).</summary>
    public long DeadLettered => Interlocked.Read(ref _deadLettered);

    /// <summary>Deletes that failed (the message will be delivered again: at-least-once).</summary>
    public long DeleteFailures => Interlocked.Read(ref _deleteFailures);

    public long ReceiveFailures => Interlocked.Read(ref _receiveFailures);

    /// <summary>Polls until <paramref name="cancellationToken"/> fires; a failing receive pauses for <see cref="QueueEventConsumerOptions.ReceiveErrorDelay"/>.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                if (await PollOnceAsync(cancellationToken).ConfigureAwait(false) == 0)
                {
                    // A queue that answers an empty receive at once (no long poll) must not spin this thread.
                    await Task.Yield();
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (PortException)
            {
                Interlocked.Increment(ref _receiveFailures);
                try
                {
                    await Task.Delay(_options.ReceiveErrorDelay, _time, cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    /// <summary>One long-poll receive and the processing of what it returned; returns how many messages were received.</summary>
    public async ValueTask<int> PollOnceAsync(CancellationToken cancellationToken = default)
    {
        var messages = await _queue.ReceiveAsync(_options.MaxMessages, _options.WaitTime, cancellationToken).ConfigureAwait(false);
        foreach (var message in messages)
        {
            Interlocked.Increment(ref _received);
            await HandleAsync(message, cancellationToken).ConfigureAwait(false);
        }

        return messages.Count;
    }

    private async ValueTask HandleAsync(ReceivedMessage message, CancellationToken cancellationToken)
    {
        var serviceDlq = _options.DeadLetterMode == DeadLetterMode.ServiceDlq;
        try
        {
            await _service.ProcessEventAsync(message.Body, sendToDeadLetterQueue: serviceDlq, cancellationToken).ConfigureAwait(false);
        }
        catch (EventProcessingException ex)
        {
            Interlocked.Increment(ref _failed);
            _telemetry?.MessageCounted(_queue.Name, "failed");
            if (ex.DeadLettered)
            {
                Interlocked.Increment(ref _deadLettered);
                _telemetry?.MessageCounted(_queue.Name, "dead_lettered");
                await TryDeleteAsync(message, cancellationToken).ConfigureAwait(false);
            }

            // Otherwise it stays: visible again after the visibility timeout, and redriven after maxReceiveCount.
            return;
        }

        Interlocked.Increment(ref _processed);
        _telemetry?.MessageCounted(_queue.Name, "processed");
        await TryDeleteAsync(message, cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask TryDeleteAsync(ReceivedMessage message, CancellationToken cancellationToken)
    {
        try
        {
            await _queue.DeleteAsync(message.ReceiptHandle, cancellationToken).ConfigureAwait(false);
        }
        catch (PortException)
        {
            Interlocked.Increment(ref _deleteFailures);
        }
    }
}
