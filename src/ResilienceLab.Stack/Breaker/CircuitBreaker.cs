namespace ResilienceLab.Stack.Breaker;

/// <summary>
/// The document's count-based circuit breaker (CLOSED, OPEN, HALF_OPEN with <c>half_open_max_calls</c> probes)
/// on an injected <see cref="TimeProvider"/>. It runs the call; the decisions live in the state controller.
/// </summary>
public sealed class CircuitBreaker
{
    private readonly CircuitStateController _controller;
    private readonly bool _enabled;

    public CircuitBreaker(string serviceName, CircuitBreakerOptions options, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        ServiceName = serviceName;
        _enabled = options.Enabled;
        _controller = new CircuitStateController(serviceName, options, timeProvider);
    }

    public string ServiceName { get; }

    /// <summary>Raised on every state change, outside the breaker's lock.</summary>
    public event Action<BreakerTransition>? Transitioned
    {
        add => _controller.Transitioned += value;
        remove => _controller.Transitioned -= value;
    }

    public CircuitState State => _controller.State;

    public int FailureCount => _controller.FailureCount;

    /// <summary>Asks to make a call. A disabled breaker always passes.</summary>
    public BreakerDecision Acquire() => _enabled ? _controller.Acquire() : BreakerDecision.Pass;

    public void RecordSuccess(BreakerDecision decision)
    {
        if (_enabled)
        {
            _controller.OnSuccess(decision);
        }
    }

    public void RecordFailure(BreakerDecision decision)
    {
        if (_enabled)
        {
            _controller.OnFailure(decision);
        }
    }

    /// <summary>Reports a call that ended without an outcome (cancelled by the caller).</summary>
    public void RecordAbandoned(BreakerDecision decision)
    {
        if (_enabled)
        {
            _controller.OnAbandoned(decision);
        }
    }

    /// <summary>Reports how a call this breaker admitted with <paramref name="decision"/> ended.</summary>
    public void Record(BreakerDecision decision, BreakerOutcome outcome)
    {
        switch (outcome)
        {
            case BreakerOutcome.Success:
                RecordSuccess(decision);
                break;
            case BreakerOutcome.Failure:
                RecordFailure(decision);
                break;
            default:
                RecordAbandoned(decision);
                break;
        }
    }

    /// <summary>Reports an outcome of a call whose decision was not kept (a breaker fed from elsewhere, as the distributed breaker's local fallback).</summary>
    internal void RecordOutcome(bool success)
    {
        if (!_enabled)
        {
            return;
        }

        var decision = _controller.Unpaired();
        if (success)
        {
            _controller.OnSuccess(decision);
        }
        else
        {
            _controller.OnFailure(decision);
        }
    }

    /// <summary>Runs <paramref name="action"/> under the breaker: rejected calls throw <see cref="BrokenCircuitException"/>; exceptions count as failures.</summary>
    public ValueTask<T> ExecuteAsync<T>(Func<CancellationToken, ValueTask<T>> action, CancellationToken cancellationToken = default)
    {
        var decision = Acquire();

        // A rejection is handed back as a faulted task: thrown once, where it is awaited, not also inside a state machine.
        return decision.Allowed
            ? RunAsync(action, decision, cancellationToken)
            : ValueTask.FromException<T>(new BrokenCircuitException(ServiceName, decision.RejectionReason!));
    }

    private async ValueTask<T> RunAsync<T>(Func<CancellationToken, ValueTask<T>> action, BreakerDecision decision, CancellationToken cancellationToken)
    {
        try
        {
            var result = await action(cancellationToken).ConfigureAwait(false);
            RecordSuccess(decision);
            return result;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The caller gave up; that says nothing about the dependency's health.
            RecordAbandoned(decision);
            throw;
        }
        catch
        {
            RecordFailure(decision);
            throw;
        }
    }
}
