using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using ResilienceLab.Stack.Ports;
using ResilienceLab.Stack.Retry;
using ResilienceLab.Stack.Telemetry;
using ResilienceLab.Stack.Workflows;

namespace ResilienceLab.Stack.Events;

/// <summary>
/// The document's event-driven service: handlers registered per event type, events published to a bus
/// (Source = service name, DetailType = event type, Detail = the data plus <c>timestamp</c> and <c>service_name</c>),
/// and incoming events dispatched to their handler, failures sent to the service's dead-letter queue.
/// </summary>
/// <remarks>
/// Unlike the document, a publish does not fail when the bus does: the event goes to a bounded in-memory outbox,
/// retried with backoff by <see cref="FlushOutboxAsync"/> and the pump of <see cref="StartOutboxPump"/>, so a bus
/// outage delays events instead of failing the workflow that raised them. While the outbox waits out its backoff,
/// new events join it without touching the bus. Order across the outage is not kept (nor does EventBridge keep it).
/// </remarks>
public sealed class EventDrivenService : IWorkflowEventPublisher
{
    private readonly EventServiceOptions _options;
    private readonly IEventBus _bus;
    private readonly TimeProvider _time;
    private readonly IMessageQueue? _deadLetterQueue;
    private readonly StackTelemetry? _telemetry;
    private readonly BackoffSchedule _outboxBackoff;
    private readonly ConcurrentDictionary<string, Func<JsonObject, CancellationToken, ValueTask>> _handlers = new(StringComparer.Ordinal);
    private readonly Lock _outboxLock = new();
    private readonly LinkedList<EventEntry> _outbox = new();
    private readonly SemaphoreSlim _flushGate = new(1, 1);
    private int _consecutiveBusFailures;
    private long _nextBusAttemptTimestamp;
    private TimeSpan _previousBackoff;
    private long _busFailures;
    private long _published;
    private long _buffered;
    private long _deliveredLate;
    private long _dropped;
    private long _processed;
    private long _failed;
    private long _unhandled;
    private long _deadLettered;
    private long _deadLetterSendFailures;

    /// <param name="deadLetterQueue">The document's <c>dead_letter_queue_url</c>; null for none.</param>
    /// <param name="random">Jitter for the outbox's retry delays (values in [0, 1)); null for plain exponential delays.</param>
    public EventDrivenService(
        EventServiceOptions options,
        IEventBus eventBus,
        TimeProvider timeProvider,
        IMessageQueue? deadLetterQueue = null,
        StackTelemetry? telemetry = null,
        Func<double>? random = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(eventBus);
        options.Validate();
        _options = options;
        _bus = eventBus;
        _time = timeProvider;
        _deadLetterQueue = deadLetterQueue;
        _telemetry = telemetry;
        _outboxBackoff = new BackoffSchedule(
            new RetryOptions
            {
                BaseDelay = options.OutboxBaseDelay,
                MaxDelay = options.OutboxMaxDelay,
                BackoffFactor = 2,
                Jitter = random is null ? JitterMode.None : JitterMode.Equal,
            },
            random ?? (static () => 0));
        EventBusName = options.EventBusName ?? eventBus.Name;
        telemetry?.ObserveOutbox(options.Name, () => Outbox.Pending);
    }

    public string ServiceName => _options.Name;

    public string EventBusName { get; }

    /// <summary>A snapshot of what happened to published events.</summary>
    public OutboxStats Outbox
    {
        get
        {
            int pending;
            lock (_outboxLock)
            {
                pending = _outbox.Count;
            }

            return new OutboxStats(Interlocked.Read(ref _published), Interlocked.Read(ref _buffered), pending, Interlocked.Read(ref _deliveredLate), Interlocked.Read(ref _dropped));
        }
    }

    /// <summary>The events waiting in the outbox now, oldest first (a copy).</summary>
    public IReadOnlyList<EventEntry> PendingEvents()
    {
        lock (_outboxLock)
        {
            return [.. _outbox];
        }
    }

    /// <summary>Events whose handler completed.</summary>
    public long Processed => Interlocked.Read(ref _processed);

    /// <summary>Events that could not be processed (unreadable or a failing handler).</summary>
    public long Failed => Interlocked.Read(ref _failed);

    /// <summary>Events with no registered handler (logged and skipped, as the document does).</summary>
    public long Unhandled => Interlocked.Read(ref _unhandled);

    /// <summary>Failed events this service sent to its dead-letter queue.</summary>
    public long DeadLettered => Interlocked.Read(ref _deadLettered);

    /// <summary>Failed events whose dead-letter send itself failed.</summary>
    public long DeadLetterSendFailures => Interlocked.Read(ref _deadLetterSendFailures);

    /// <summary>True when the outbox holds events and its backoff has elapsed.</summary>
    public bool IsOutboxFlushDue
    {
        get
        {
            lock (_outboxLock)
            {
                return _outbox.Count > 0 && _time.GetTimestamp() >= _nextBusAttemptTimestamp;
            }
        }
    }

    /// <summary>Registers (or replaces) the handler for <paramref name="eventType"/>.</summary>
    public void RegisterEventHandler(string eventType, Func<JsonObject, CancellationToken, ValueTask> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        _handlers[eventType] = handler;
    }

    /// <summary>
    /// Publishes an event. A bus failure (an exception or a failed entry) keeps the event in the outbox and returns normally;
    /// with the outbox turned off it throws <see cref="EventPublishException"/>, as the document does.
    /// </summary>
    public async ValueTask PublishEventAsync(string eventType, JsonObject eventData, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        var detail = (JsonObject)eventData.DeepClone();
        detail["timestamp"] = _time.GetUtcNow().ToString("O", CultureInfo.InvariantCulture);
        detail["service_name"] = ServiceName;
        var entry = new EventEntry(ServiceName, eventType, detail.ToJsonString(), EventBusName);

        if (_options.OutboxCapacity > 0 && IsBusBackingOff())
        {
            Buffer(entry);
            return;
        }

        string failure;
        Exception? error = null;
        var attempted = Volatile.Read(ref _busFailures);
        try
        {
            var result = await _bus.PutEventsAsync([entry], cancellationToken).ConfigureAwait(false);
            if (result.FailedEntryCount == 0 && result.Entries.Count > 0 && !result.Entries[0].Failed)
            {
                OnBusSucceeded();
                Interlocked.Increment(ref _published);
                _telemetry?.EventCounted(ServiceName, "published");
                return;
            }

            var first = result.Entries.Count > 0 ? result.Entries[0] : null;
            failure = $"{first?.ErrorCode ?? "FailedEntry"}: {first?.ErrorMessage ?? "the entry was not accepted"}";
        }
        catch (PortException ex)
        {
            failure = $"{ex.ErrorCode}: {ex.Message}";
            error = ex;
        }

        if (_options.OutboxCapacity == 0)
        {
            throw new EventPublishException(eventType, failure, error);
        }

        OnBusFailed(attempted);
        Buffer(entry);
    }

    /// <summary>
    /// Sends what the outbox holds, oldest first, in batches of 10, until it is empty or the bus fails again
    /// (then the outbox backs off). Returns how many events were delivered. Ignores the backoff: call it to drain.
    /// </summary>
    public async ValueTask<int> FlushOutboxAsync(CancellationToken cancellationToken = default)
    {
        await _flushGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var delivered = 0;
            while (true)
            {
                List<LinkedListNode<EventEntry>> batch = [];
                lock (_outboxLock)
                {
                    // Publishers only append, and only one flush runs, so the head nodes stay ours until removed.
                    for (var node = _outbox.First; node is not null && batch.Count < EventServiceConstants.MaxPutEventsEntries; node = node.Next)
                    {
                        batch.Add(node);
                    }
                }

                if (batch.Count == 0)
                {
                    return delivered;
                }

                PutEventsResult result;
                var attempted = Volatile.Read(ref _busFailures);
                try
                {
                    result = await _bus.PutEventsAsync(batch.ConvertAll(n => n.Value), cancellationToken).ConfigureAwait(false);
                }
                catch (PortException)
                {
                    OnBusFailed(attempted);
                    return delivered;
                }

                var removed = 0;
                lock (_outboxLock)
                {
                    for (var i = 0; i < batch.Count; i++)
                    {
                        if (i < result.Entries.Count && !result.Entries[i].Failed)
                        {
                            _outbox.Remove(batch[i]);
                            removed++;
                        }
                    }
                }

                delivered += removed;
                Interlocked.Add(ref _deliveredLate, removed);
                for (var i = 0; i < removed; i++)
                {
                    _telemetry?.EventCounted(ServiceName, "delivered_late");
                }

                if (removed < batch.Count)
                {
                    OnBusFailed(attempted);
                    return delivered;
                }

                OnBusSucceeded();
            }
        }
        finally
        {
            _flushGate.Release();
        }
    }

    /// <summary>
    /// Starts a pump that, every <paramref name="interval"/> on the <see cref="TimeProvider"/>, flushes the outbox when its
    /// backoff has elapsed. The returned task completes (without throwing) when <paramref name="cancellationToken"/> fires.
    /// </summary>
    public Task StartOutboxPump(TimeSpan interval, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(interval, TimeSpan.Zero);
        return PumpAsync(interval, cancellationToken);
    }

    /// <summary>Processes an EventBridge event (<c>detail-type</c>, <c>detail</c>), dead-lettering it on failure. See <see cref="ProcessEventAsync(string, bool, CancellationToken)"/>.</summary>
    public ValueTask ProcessEventAsync(string eventJson, CancellationToken cancellationToken = default) =>
        ProcessEventAsync(eventJson, sendToDeadLetterQueue: true, cancellationToken);

    /// <summary>
    /// Processes an incoming event: an EventBridge envelope with <c>detail-type</c> and <c>detail</c> (object or JSON string;
    /// the document's <c>DetailType</c>/<c>Detail</c> are read too) goes to the handler registered for its type; with no
    /// handler it is counted as unhandled and skipped. When the envelope cannot be read or the handler throws, the service
    /// sends <c>{original_event, error_message, failed_at, service_name}</c> to its dead-letter queue (when it has one and
    /// <paramref name="sendToDeadLetterQueue"/> is true; a failing send is counted, not thrown) and then ALWAYS throws
    /// <see cref="EventProcessingException"/> (the document re-raises), whose <see cref="EventProcessingException.DeadLettered"/>
    /// says whether the event is already in the DLQ. Cancellation by the caller is rethrown as is, without dead-lettering.
    /// </summary>
    public async ValueTask ProcessEventAsync(string eventJson, bool sendToDeadLetterQueue, CancellationToken cancellationToken = default)
    {
        JsonNode? originalEvent = null;
        string? eventType = null;
        try
        {
            originalEvent = JsonNode.Parse(eventJson);
            if (originalEvent is not JsonObject envelope)
            {
                throw new JsonException("the event is not a JSON object");
            }

            eventType = (envelope["detail-type"] ?? envelope["DetailType"])?.GetValue<string>();
            var detail = TakeDetail(envelope);
            if (eventType is null || !_handlers.TryGetValue(eventType, out var handler))
            {
                Interlocked.Increment(ref _unhandled);
                _telemetry?.EventHandled(ServiceName, eventType ?? "unknown", "unhandled");
                return;
            }

            await handler(detail, cancellationToken).ConfigureAwait(false);
            Interlocked.Increment(ref _processed);
            _telemetry?.EventHandled(ServiceName, eventType, "processed");
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            Interlocked.Increment(ref _failed);
            _telemetry?.EventHandled(ServiceName, eventType ?? "unknown", "failed");
            var deadLettered = sendToDeadLetterQueue && _deadLetterQueue is not null
                && await SendToDeadLetterQueueAsync(originalEvent is null ? JsonValue.Create(eventJson) : JsonNode.Parse(eventJson)!, ex.Message, cancellationToken).ConfigureAwait(false);
            throw new EventProcessingException(eventType, deadLettered, $"Failed to process event {eventType ?? "(unreadable)"}: {ex.Message}", ex);
        }
    }

    // The envelope was parsed for this call alone: an object detail is taken out of it and handed over, not copied.
    // (A failed event is dead-lettered from its text, so the DLQ still gets it whole.)
    private static JsonObject TakeDetail(JsonObject envelope)
    {
        var key = envelope["detail"] is not null ? "detail" : "Detail";
        switch (envelope[key])
        {
            case null:
                return [];
            case JsonObject obj:
                envelope.Remove(key);
                return obj;
            case JsonValue value when value.TryGetValue<string>(out var text):
                return JsonNode.Parse(text) as JsonObject ?? throw new JsonException("detail is not a JSON object");
            default:
                throw new JsonException("detail is not a JSON object");
        }
    }

    private async ValueTask<bool> SendToDeadLetterQueueAsync(JsonNode originalEvent, string errorMessage, CancellationToken cancellationToken)
    {
        var message = new JsonObject
        {
            ["original_event"] = originalEvent.DeepClone(),
            ["error_message"] = errorMessage,
            ["failed_at"] = _time.GetUtcNow().ToString("O", CultureInfo.InvariantCulture),
            ["service_name"] = ServiceName,
        };
        try
        {
            await _deadLetterQueue!.SendAsync(new OutgoingMessage(message.ToJsonString()), cancellationToken).ConfigureAwait(false);
            Interlocked.Increment(ref _deadLettered);
            _telemetry?.DeadLettered(_deadLetterQueue.Name, ServiceName);
            return true;
        }
        catch (PortException)
        {
            // As the document: a failing DLQ send is logged (counted), and the original failure is what the caller sees.
            Interlocked.Increment(ref _deadLetterSendFailures);
            return false;
        }
    }

    private async Task PumpAsync(TimeSpan interval, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(interval, _time, cancellationToken).ConfigureAwait(false);
                if (IsOutboxFlushDue)
                {
                    await FlushOutboxAsync(cancellationToken).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
        }
    }

    private bool IsBusBackingOff()
    {
        lock (_outboxLock)
        {
            return _outbox.Count > 0 && _time.GetTimestamp() < _nextBusAttemptTimestamp;
        }
    }

    private void Buffer(EventEntry entry)
    {
        lock (_outboxLock)
        {
            if (_outbox.Count >= _options.OutboxCapacity)
            {
                Interlocked.Increment(ref _dropped);
                _telemetry?.EventCounted(ServiceName, "dropped");
                return;
            }

            _outbox.AddLast(entry);
        }

        Interlocked.Increment(ref _buffered);
        _telemetry?.EventCounted(ServiceName, "buffered");
    }

    /// <summary>
    /// A bus call begun when <paramref name="attempted"/> failures had been counted failed. Calls that were already under
    /// way when another failure set the backoff are the same outage seen again: they do not lengthen it, so a hundred publishes failing together
    /// back off once, not a hundred times (which would reach the maximum delay and keep the outbox shut long after the bus
    /// is back).
    /// </summary>
    private void OnBusFailed(long attempted)
    {
        lock (_outboxLock)
        {
            if (attempted != _busFailures)
            {
                return;
            }

            _busFailures++;
            var delay = _outboxBackoff.Delay(_consecutiveBusFailures++, _previousBackoff);
            _previousBackoff = delay;
            _nextBusAttemptTimestamp = _time.GetTimestamp() + (long)(delay.TotalSeconds * _time.TimestampFrequency);
        }
    }

    private void OnBusSucceeded()
    {
        lock (_outboxLock)
        {
            _consecutiveBusFailures = 0;
            _previousBackoff = TimeSpan.Zero;
            _nextBusAttemptTimestamp = 0;
        }
    }
}
