using System.Text.Json;
using System.Text.Json.Nodes;
using ResilienceLab.Stack.Ports;
using ResilienceLab.Stack.Telemetry;

namespace ResilienceLab.Stack.Services;

/// <summary>
/// The other side of an asynchronous call: long-polls a service's request queue and performs each request through a
/// synchronous client. A request that succeeds is deleted; one that fails is left for the queue's visibility timeout,
/// so it is retried later and, after <c>maxReceiveCount</c> receives, redriven to the dead-letter queue.
/// </summary>
public sealed class RequestQueueWorker
{
    private readonly IMessageQueue _queue;
    private readonly IServiceInterface _service;
    private readonly TimeProvider _time;
    private readonly StackTelemetry? _telemetry;
    private readonly Func<ReceivedMessage, bool>? _alwaysFails;
    private long _received;
    private long _processed;
    private long _failed;

    /// <param name="alwaysFails">Marks messages whose processing must fail (poison messages); null for none.</param>
    public RequestQueueWorker(IMessageQueue queue, IServiceInterface service, TimeProvider timeProvider, StackTelemetry? telemetry = null, Func<ReceivedMessage, bool>? alwaysFails = null)
    {
        _queue = queue;
        _service = service;
        _time = timeProvider;
        _telemetry = telemetry;
        _alwaysFails = alwaysFails;
    }

    public string QueueName => _queue.Name;

    public long Received => Interlocked.Read(ref _received);

    public long Processed => Interlocked.Read(ref _processed);

    public long Failed => Interlocked.Read(ref _failed);

    /// <summary>Polls until cancelled; a failing receive (queue outage) backs off a little and tries again.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await PollOnceAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (PortException)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(200), _time, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Receives one batch and handles it; returns how many messages were received.</summary>
    public async Task<int> PollOnceAsync(CancellationToken cancellationToken)
    {
        var messages = await _queue.ReceiveAsync(10, TimeSpan.FromSeconds(1), cancellationToken).ConfigureAwait(false);
        Interlocked.Add(ref _received, messages.Count);
        await Task.WhenAll(messages.Select(m => HandleAsync(m, cancellationToken))).ConfigureAwait(false);
        return messages.Count;
    }

    private async Task HandleAsync(ReceivedMessage message, CancellationToken cancellationToken)
    {
        try
        {
            if (_alwaysFails?.Invoke(message) == true)
            {
                throw new ServiceCallException(_service.ServiceName, "poison_message", 0, "the message can never be processed");
            }

            var request = JsonNode.Parse(message.Body) as JsonObject ?? [];
            await _service.CallAsync(request, cancellationToken).ConfigureAwait(false);
            await _queue.DeleteAsync(message.ReceiptHandle, cancellationToken).ConfigureAwait(false);
            Interlocked.Increment(ref _processed);
            _telemetry?.MessageCounted(_queue.Name, "processed");
        }
        catch (Exception ex) when (ex is ServiceCallException or PortException or JsonException)
        {
            // Not deleted: the visibility timeout brings it back, and redrive takes it to the DLQ after maxReceiveCount.
            Interlocked.Increment(ref _failed);
        }
    }
}
