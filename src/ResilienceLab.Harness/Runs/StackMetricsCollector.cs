using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using ResilienceLab.Stack.Breaker;
using ResilienceLab.Stack.Telemetry;

namespace ResilienceLab.Harness.Runs;

/// <summary>
/// Listens to the <see cref="StackTelemetry"/> meters of a run's instances and folds every measurement into per-second,
/// per-service counters (the fleet's, added up), and records breaker transitions with their offset from the run's start
/// and the instance whose breaker moved. The timeline reads from here.
/// </summary>
public sealed class StackMetricsCollector : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly IReadOnlyList<(string Instance, StackTelemetry Telemetry, Action<BreakerTransition> Handler)> _instances;
    private readonly RunClock _clock;
    private ConcurrentDictionary<(string Service, int Second), ServiceSecondCounts> _seconds = new();
    private ConcurrentDictionary<string, ServiceSecondCounts> _totals = new(StringComparer.Ordinal);
    private ConcurrentQueue<(TimeSpan At, BreakerTransition Transition, string Instance)> _transitions = new();
    private readonly ConcurrentDictionary<string, CircuitState> _states = new(StringComparer.Ordinal);

    public StackMetricsCollector(StackTelemetry telemetry, RunClock clock)
        : this([("resilience-lab-1", telemetry)], clock)
    {
    }

    public StackMetricsCollector(IEnumerable<(string Instance, StackTelemetry Telemetry)> instances, RunClock clock)
    {
        ArgumentNullException.ThrowIfNull(instances);
        ArgumentNullException.ThrowIfNull(clock);
        _clock = clock;
        _instances = [.. instances.Select(i => (i.Instance, i.Telemetry, (Action<BreakerTransition>)(t => OnTransition(t, i.Instance))))];
        var meters = _instances.Select(i => i.Telemetry.Meter).ToHashSet();
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (meters.Contains(instrument.Meter))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>(OnMeasurement);
        _listener.Start();
        foreach (var (_, telemetry, handler) in _instances)
        {
            telemetry.BreakerTransitioned += handler;
        }
    }

    /// <summary>Raised on every breaker transition of any instance, with the instance's id.</summary>
    public event Action<BreakerTransition, string>? Transitioned;

    /// <summary>Forgets what was counted so far (the warm-up); offsets keep counting from the clock's origin.</summary>
    public void Reset()
    {
        Interlocked.Exchange(ref _seconds, new());
        Interlocked.Exchange(ref _totals, new(StringComparer.Ordinal));
        Interlocked.Exchange(ref _transitions, new());
    }

    public IReadOnlyList<(TimeSpan At, BreakerTransition Transition, string Instance)> Transitions => [.. _transitions];

    /// <summary>The state <paramref name="service"/>'s breaker last moved to (kept across <see cref="Reset"/>), or null before its first transition.</summary>
    public CircuitState? LastState(string service) => _states.TryGetValue(service, out var state) ? state : null;

    public ServiceSecondCounts Second(string service, int second) =>
        _seconds.TryGetValue((service, second), out var counts) ? counts : new ServiceSecondCounts();

    public ServiceSecondCounts Total(string service) => _totals.TryGetValue(service, out var counts) ? counts : new ServiceSecondCounts();

    public void Dispose()
    {
        foreach (var (_, telemetry, handler) in _instances)
        {
            telemetry.BreakerTransitioned -= handler;
        }

        _listener.Dispose();
    }

    private void OnTransition(BreakerTransition transition, string instance)
    {
        _states[transition.ServiceName] = transition.To;
        _transitions.Enqueue((_clock.Elapsed, transition, instance));
        Transitioned?.Invoke(transition, instance);
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
