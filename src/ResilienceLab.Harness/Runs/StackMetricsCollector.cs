using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using ResilienceLab.Stack.Breaker;
using ResilienceLab.Stack.Telemetry;

namespace ResilienceLab.Harness.Runs;

/// <summary>
/// Listens to one run's <see cref="StackTelemetry"/> meter and folds every measurement into per-second, per-service
/// counters, and records breaker transitions with their offset from the run's start. The timeline reads from here.
/// </summary>
public sealed class StackMetricsCollector : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly StackTelemetry _telemetry;
    private readonly RunClock _clock;
    private ConcurrentDictionary<(string Service, int Second), ServiceSecondCounts> _seconds = new();
    private ConcurrentDictionary<string, ServiceSecondCounts> _totals = new(StringComparer.Ordinal);
    private ConcurrentQueue<(TimeSpan At, BreakerTransition Transition)> _transitions = new();
    private readonly ConcurrentDictionary<string, CircuitState> _states = new(StringComparer.Ordinal);

    public StackMetricsCollector(StackTelemetry telemetry, RunClock clock)
    {
        ArgumentNullException.ThrowIfNull(telemetry);
        ArgumentNullException.ThrowIfNull(clock);
        _telemetry = telemetry;
        _clock = clock;
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (ReferenceEquals(instrument.Meter, telemetry.Meter))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>(OnMeasurement);
        _listener.Start();
        telemetry.BreakerTransitioned += OnTransition;
    }

    /// <summary>Forgets what was counted so far (the warm-up); offsets keep counting from the clock's origin.</summary>
    public void Reset()
    {
        Interlocked.Exchange(ref _seconds, new());
        Interlocked.Exchange(ref _totals, new(StringComparer.Ordinal));
        Interlocked.Exchange(ref _transitions, new());
    }

    public IReadOnlyList<(TimeSpan At, BreakerTransition Transition)> Transitions => [.. _transitions];

    /// <summary>The state <paramref name="service"/>'s breaker last moved to (kept across <see cref="ResetOrigin"/>), or null before its first transition.</summary>
    public CircuitState? LastState(string service) => _states.TryGetValue(service, out var state) ? state : null;

    public ServiceSecondCounts Second(string service, int second) =>
        _seconds.TryGetValue((service, second), out var counts) ? counts : new ServiceSecondCounts();

    public ServiceSecondCounts Total(string service) => _totals.TryGetValue(service, out var counts) ? counts : new ServiceSecondCounts();

    public void Dispose()
    {
        _telemetry.BreakerTransitioned -= OnTransition;
        _listener.Dispose();
    }

    private void OnTransition(BreakerTransition transition)
    {
        _states[transition.ServiceName] = transition.To;
        _transitions.Enqueue((_clock.Elapsed, transition));
    }

    private void OnMeasurement(Instrument instrument, long value, ReadOnlySpan<KeyValuePair<string, object?>> tags, object? state)
    {
        string? service = null;
        string? outcome = null;
        foreach (var tag in tags)
        {
            if (tag.Key == "service")
            {
                service = tag.Value as string;
            }
            else if (tag.Key is "outcome" or "reason")
            {
                outcome = tag.Value as string;
            }
        }

        if (service is null)
        {
            return;
        }

        var second = Math.Max(0, _clock.Second);
        var perSecond = _seconds.GetOrAdd((service, second), _ => new ServiceSecondCounts());
        var total = _totals.GetOrAdd(service, _ => new ServiceSecondCounts());
        perSecond.Add(instrument.Name, outcome, value);
        total.Add(instrument.Name, outcome, value);
    }
}
