using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using ResilienceLab.Stack.Breaker;
using ResilienceLab.Stack.Bulkheads;
using ResilienceLab.Stack.Ports;

namespace ResilienceLab.Stack.Telemetry;

/// <summary>
/// The stack's instruments on a meter named <c>ResilienceLab</c>. Each run owns one instance (its own
/// <see cref="Meter"/>), so a listener can tell two runs in one process apart by <see cref="Meter"/> reference.
/// Instrument names are in <see cref="StackInstruments"/>; every instrument carries a <c>service</c> or <c>queue</c> tag.
/// </summary>
public sealed class StackTelemetry : IDisposable
{
    public const string MeterName = "ResilienceLab";

    private readonly Counter<long> _calls;
    private readonly Counter<long> _attempts;
    private readonly Counter<long> _retries;
    private readonly Counter<long> _rejections;
    private readonly Counter<long> _timeouts;
    private readonly Counter<long> _transitions;
    private readonly Counter<long> _deadLetters;
    private readonly Counter<long> _messages;
    private readonly Counter<long> _events;
    private readonly Counter<long> _eventsHandled;
    private readonly Counter<long> _tableFallbacks;
    private readonly Counter<long> _tableConflicts;
    private readonly Counter<long> _tableOperations;
    private readonly ConcurrentDictionary<string, Func<QueueDepth?>> _queueDepths = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Func<int>> _outboxes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Bulkhead> _bulkheads = new(StringComparer.Ordinal);

    public StackTelemetry()
    {
        Meter = new Meter(MeterName);
        _calls = Meter.CreateCounter<long>(StackInstruments.Calls, "{call}", "Service calls made by clients, by outcome");
        _attempts = Meter.CreateCounter<long>(StackInstruments.Attempts, "{attempt}", "Requests that reached a dependency, by outcome");
        _retries = Meter.CreateCounter<long>(StackInstruments.Retries, "{retry}", "Retries scheduled after a transient failure");
        _rejections = Meter.CreateCounter<long>(StackInstruments.Rejections, "{call}", "Calls refused before reaching the dependency, by reason");
        _timeouts = Meter.CreateCounter<long>(StackInstruments.Timeouts, "{attempt}", "Attempts that hit their timeout");
        _transitions = Meter.CreateCounter<long>(StackInstruments.BreakerTransitions, "{transition}", "Breaker state changes");
        _deadLetters = Meter.CreateCounter<long>(StackInstruments.DeadLetterSends, "{message}", "Messages sent to a dead-letter queue");
        _messages = Meter.CreateCounter<long>(StackInstruments.Messages, "{message}", "Messages by stage: sent, processed, failed, dead_lettered");
        _events = Meter.CreateCounter<long>(StackInstruments.Events, "{event}", "Published events by stage: published, buffered, delivered_late, dropped");
        _eventsHandled = Meter.CreateCounter<long>(StackInstruments.EventsHandled, "{event}", "Received events by outcome: processed, failed, unhandled");
        _tableFallbacks = Meter.CreateCounter<long>(StackInstruments.TableFallbacks, "{operation}", "Distributed breaker operations answered from local state, by reason");
        _tableConflicts = Meter.CreateCounter<long>(StackInstruments.TableConflicts, "{write}", "Conditional breaker-table writes that lost to a concurrent writer");
        _tableOperations = Meter.CreateCounter<long>(StackInstruments.TableOperations, "{operation}", "Breaker-table operations (GetItem, PutItem, UpdateItem) by service and result: ok, refused, error");
        Meter.CreateObservableGauge(StackInstruments.QueueDepth, ObserveQueueDepths, "{message}", "Approximate messages in a queue, by state: visible, in_flight");
        Meter.CreateObservableGauge(StackInstruments.OutboxPending, ObserveOutboxes, "{event}", "Events waiting in an event service's outbox");
        Meter.CreateObservableGauge(StackInstruments.BulkheadInUse, ObserveBulkheads, "{call}", "Bulkhead slots in use and calls queued, by state: active, queued");
    }

    public Meter Meter { get; }

    /// <summary>Every breaker transition of this run, for reports (time to open, time to close).</summary>
    public event Action<BreakerTransition>? BreakerTransitioned;

    public void CallCompleted(string service, string outcome) =>
        _calls.Add(1, new("service", service), new("outcome", outcome));

    public void AttemptCompleted(string service, string outcome) =>
        _attempts.Add(1, new("service", service), new("outcome", outcome));

    public void RetryScheduled(string service) => _retries.Add(1, new KeyValuePair<string, object?>("service", service));

    public void CallRejected(string service, string reason) =>
        _rejections.Add(1, new("service", service), new("reason", reason));

    public void AttemptTimedOut(string service) => _timeouts.Add(1, new KeyValuePair<string, object?>("service", service));

    public void BreakerChanged(BreakerTransition transition)
    {
        ArgumentNullException.ThrowIfNull(transition);
        _transitions.Add(1, new("service", transition.ServiceName), new("from", transition.From.ToString()), new("to", transition.To.ToString()));
        StackActivities.BreakerTransitioned(transition);
        BreakerTransitioned?.Invoke(transition);
    }

    public void DeadLettered(string queue, string service) =>
        _deadLetters.Add(1, new("queue", queue), new("service", service));

    public void MessageCounted(string queue, string stage) =>
        _messages.Add(1, new("queue", queue), new("stage", stage));

    /// <summary>An event of <paramref name="service"/> reached <paramref name="stage"/>: published, buffered, delivered_late, dropped.</summary>
    public void EventCounted(string service, string stage) =>
        _events.Add(1, new("service", service), new("stage", stage));

    /// <summary>A received event ended as <paramref name="outcome"/>: processed, failed, unhandled.</summary>
    public void EventHandled(string service, string eventType, string outcome) =>
        _eventsHandled.Add(1, new("service", service), new("event_type", eventType), new("outcome", outcome));

    public void BreakerTableFallback(string service, string reason) =>
        _tableFallbacks.Add(1, new("service", service), new("reason", reason));

    public void BreakerTableConflict(string service) =>
        _tableConflicts.Add(1, new KeyValuePair<string, object?>("service", service));

    /// <summary>One breaker-table <paramref name="operation"/> for <paramref name="service"/> ended as <paramref name="result"/>: ok, refused (a condition failed), error.</summary>
    public void BreakerTableOperation(string service, string operation, string result) =>
        _tableOperations.Add(1, new("service", service), new("operation", operation), new("result", result));

    /// <summary>Wires a breaker's transitions into this telemetry.</summary>
    public void Observe(CircuitBreaker breaker)
    {
        ArgumentNullException.ThrowIfNull(breaker);
        breaker.Transitioned += BreakerChanged;
    }

    /// <summary>Reports a bulkhead's active and queued calls on every collection.</summary>
    public void Observe(Bulkhead bulkhead)
    {
        ArgumentNullException.ThrowIfNull(bulkhead);
        _bulkheads[bulkhead.Name] = bulkhead;
    }

    /// <summary>
    /// Reports a queue's depth on every collection. <paramref name="sample"/> runs on the collecting thread and must not
    /// block: return the last known depth (null when none yet), refreshed elsewhere.
    /// </summary>
    public void ObserveQueueDepth(string queue, Func<QueueDepth?> sample) => _queueDepths[queue] = sample;

    /// <summary>Reports how many events wait in an event service's outbox on every collection.</summary>
    public void ObserveOutbox(string service, Func<int> pending) => _outboxes[service] = pending;

    public void Dispose() => Meter.Dispose();

    private IEnumerable<Measurement<long>> ObserveQueueDepths()
    {
        foreach (var (queue, sample) in _queueDepths)
        {
            if (sample() is { } depth)
            {
                yield return new Measurement<long>(depth.Visible, new("queue", queue), new("state", "visible"));
                yield return new Measurement<long>(depth.InFlight, new("queue", queue), new("state", "in_flight"));
            }
        }
    }

    private IEnumerable<Measurement<long>> ObserveOutboxes()
    {
        foreach (var (service, pending) in _outboxes)
        {
            yield return new Measurement<long>(pending(), new KeyValuePair<string, object?>("service", service));
        }
    }

    private IEnumerable<Measurement<long>> ObserveBulkheads()
    {
        foreach (var (name, bulkhead) in _bulkheads)
        {
            yield return new Measurement<long>(bulkhead.Active, new("service", name), new("state", "active"));
            yield return new Measurement<long>(bulkhead.Queued, new("service", name), new("state", "queued"));
        }
    }
}
