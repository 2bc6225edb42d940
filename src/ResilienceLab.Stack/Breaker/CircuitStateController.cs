namespace ResilienceLab.Stack.Breaker;

/// <summary>
/// Owns the lock, the state and the transitions of one breaker. No I/O happens here:
/// <see cref="CircuitBreaker"/> asks for a decision, runs the call, and reports the outcome.
/// </summary>
/// <remarks>
/// The closed path (acquire, then a success with no failures counted) reads the volatile state and
/// takes no lock: it allocates nothing and does not contend. Every transition happens under the lock.
/// </remarks>
internal sealed class CircuitStateController
{
    private readonly Lock _lock = new();
    private readonly string _serviceName;
    private readonly CircuitBreakerOptions _options;
    private readonly TimeProvider _time;
    private readonly ConsecutiveFailuresTripRule _tripRule;
    private volatile CircuitState _state = CircuitState.Closed;
    private long _openedAtTimestamp;
    private long _round;
    private int _halfOpenCalls;
    private int _halfOpenSuccesses;

    public CircuitStateController(string serviceName, CircuitBreakerOptions options, TimeProvider time)
    {
        _serviceName = serviceName;
        _options = options;
        _time = time;
        _tripRule = new ConsecutiveFailuresTripRule(options.FailureThreshold);
    }

    public event Action<BreakerTransition>? Transitioned;

    public CircuitState State => _state;

    public int FailureCount => _tripRule.FailureCount;

    public BreakerDecision Acquire()
    {
        var state = _state;
        if (state == CircuitState.Closed)
        {
            return BreakerDecision.Pass;
        }

        // Open and still within the break: reject without the lock (the timestamp is written before the state).
        if (state == CircuitState.Open && _time.GetElapsedTime(Volatile.Read(ref _openedAtTimestamp)) < _options.BreakDuration)
        {
            return BreakerDecision.Reject(CircuitBreakerConstants.ReasonOpen);
        }

        BreakerTransition? transition = null;
        BreakerDecision decision;
        lock (_lock)
        {
            if (_state == CircuitState.Closed)
            {
                return BreakerDecision.Pass;
            }

            if (_state == CircuitState.Open)
            {
                if (_time.GetElapsedTime(_openedAtTimestamp) < _options.BreakDuration)
                {
                    return BreakerDecision.Reject(CircuitBreakerConstants.ReasonOpen);
                }

                transition = MoveTo(CircuitState.HalfOpen, "break duration elapsed");
                _round++;
                _halfOpenCalls = 0;
                _halfOpenSuccesses = 0;
            }

            if (_halfOpenCalls >= _options.HalfOpenMaxCalls)
            {
                decision = BreakerDecision.Reject(CircuitBreakerConstants.ReasonHalfOpenLimit);
            }
            else
            {
                _halfOpenCalls++;
                decision = BreakerDecision.Probe with { Round = _round };
            }
        }

        Raise(transition);
        return decision;
    }

    public void OnSuccess(BreakerDecision decision)
    {
        if (!decision.IsProbe && _state == CircuitState.Closed && _tripRule.FailureCount == 0)
        {
            // Nothing to reset: linearised as if it completed before any concurrent failure.
            return;
        }

        BreakerTransition? transition = null;
        lock (_lock)
        {
            _tripRule.OnSuccess();
            if (IsCurrentProbe(decision) && ++_halfOpenSuccesses >= _options.HalfOpenSuccessesToClose)
            {
                transition = MoveTo(CircuitState.Closed, $"{_halfOpenSuccesses} probe(s) succeeded");
            }
        }

        Raise(transition);
    }

    public void OnFailure(BreakerDecision decision)
    {
        BreakerTransition? transition = null;
        lock (_lock)
        {
            var tripped = _tripRule.OnFailure();
            if (IsCurrentProbe(decision))
            {
                transition = Open("a half-open probe failed");
            }
            else if (_state == CircuitState.Closed && tripped)
            {
                transition = Open($"{_tripRule.FailureCount} consecutive failures reached failure_threshold {_options.FailureThreshold}");
            }
        }

        Raise(transition);
    }

    /// <summary>A probe that ended without an outcome (the caller cancelled) gives its slot back.</summary>
    public void OnAbandoned(BreakerDecision decision)
    {
        if (!decision.IsProbe)
        {
            return;
        }

        lock (_lock)
        {
            if (IsCurrentProbe(decision) && _halfOpenCalls > 0)
            {
                _halfOpenCalls--;
            }
        }
    }

    /// <summary>The decision an outcome reported without one stands for: a probe of the current round when half-open.</summary>
    public BreakerDecision Unpaired()
    {
        lock (_lock)
        {
            return _state == CircuitState.HalfOpen ? BreakerDecision.Probe with { Round = _round } : BreakerDecision.Pass;
        }
    }

    // A probe admitted in an earlier half-open round (the breaker re-opened since) has no say in this one.
    private bool IsCurrentProbe(BreakerDecision decision) =>
        decision.IsProbe && _state == CircuitState.HalfOpen && decision.Round == _round;

    private BreakerTransition Open(string reason)
    {
        Volatile.Write(ref _openedAtTimestamp, _time.GetTimestamp());
        return MoveTo(CircuitState.Open, reason);
    }

    private BreakerTransition MoveTo(CircuitState to, string reason)
    {
        var transition = new BreakerTransition(_serviceName, _state, to, _time.GetUtcNow(), reason);
        if (to == CircuitState.Closed)
        {
            _tripRule.Reset();
        }

        _state = to;
        return transition;
    }

    // Events are raised outside the lock so a handler can never deadlock the breaker.
    private void Raise(BreakerTransition? transition)
    {
        if (transition is not null)
        {
            Transitioned?.Invoke(transition);
        }
    }
}
