using ResilienceLab.Stack.Breaker;
using ResilienceLab.Stack.Telemetry;

namespace ResilienceLab.Harness.Runs;

/// <summary>
/// A circuit breaker in the user's own code (a Polly pipeline's, say), reporting its state changes to the run, so the
/// breaker metrics (<c>breaker.SERVICE.time_to_open_s</c>, ...) judge it as they judge the document's breakers. Wire its
/// methods to the breaker's callbacks (Polly: <c>OnOpened</c>, <c>OnHalfOpened</c>, <c>OnClosed</c>).
/// </summary>
public sealed class ExternalBreaker
{
    private readonly Lock _lock = new();
    private StackTelemetry? _telemetry;
    private TimeProvider? _time;
    private CircuitState _state = CircuitState.Closed;

    public ExternalBreaker(string service)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(service);
        Service = service;
    }

    /// <summary>The dependency the breaker guards (a dependency of the scenario).</summary>
    public string Service { get; }

    public void Opened(string reason = "opened") => Move(CircuitState.Open, reason);

    public void HalfOpened(string reason = "half-open") => Move(CircuitState.HalfOpen, reason);

    public void Closed(string reason = "closed") => Move(CircuitState.Closed, reason);

    /// <summary>Connects the breaker to a run's telemetry (the runner does this).</summary>
    internal void Attach(StackTelemetry telemetry, TimeProvider time)
    {
        lock (_lock)
        {
            _telemetry = telemetry;
            _time = time;
            _state = CircuitState.Closed;
        }
    }

    private void Move(CircuitState to, string reason)
    {
        StackTelemetry? telemetry;
        BreakerTransition? transition = null;
        lock (_lock)
        {
            if (_state == to)
            {
                return;
            }

            if (_time is not null)
            {
                transition = new BreakerTransition(Service, _state, to, _time.GetUtcNow(), reason);
            }

            _state = to;
            telemetry = _telemetry;
        }

        if (telemetry is not null && transition is not null)
        {
            telemetry.BreakerChanged(transition);
        }
    }
}
