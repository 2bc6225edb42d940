using System.Diagnostics.Metrics;
using ResilienceLab.Stack.Breaker;

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
        _messages = Meter.CreateCounter<long>(StackInstruments.Messages, "{message}", "Messages by stage: sent, processed, dead_lettered");
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
        BreakerTransitioned?.Invoke(transition);
    }

    public void DeadLettered(string queue, string service) =>
        _deadLetters.Add(1, new("queue", queue), new("service", service));

    public void MessageCounted(string queue, string stage) =>
        _messages.Add(1, new("queue", queue), new("stage", stage));

    /// <summary>Wires a breaker's transitions into this telemetry.</summary>
    public void Observe(CircuitBreaker breaker)
    {
        ArgumentNullException.ThrowIfNull(breaker);
        breaker.Transitioned += BreakerChanged;
    }

    public void Dispose() => Meter.Dispose();
}
