using System.Collections.Concurrent;
using ResilienceLab.Stack.Breaker;
using ResilienceLab.Stack.Ports;
using ResilienceLab.Stack.Retry;
using ResilienceLab.Stack.Telemetry;

namespace ResilienceLab.Stack.Distributed;

/// <summary>
/// The document's Lambda <c>CircuitBreakerManager</c>: a breaker per <c>service_name</c> shared by every instance through
/// the breaker table, with check, success and failure, in one of two <see cref="SharedBreakerMode"/>s.
/// </summary>
/// <remarks>
/// <para><b>Bounded</b> (the default): each service's <see cref="SharedBreakerView"/> decides at once, on the call path,
/// from the item as last synchronised plus this instance's own breaker; <see cref="BreakerTableSync"/> flushes the
/// counts as atomic updates and writes state changes conditionally, at most two operations per service and
/// <see cref="DistributedBreakerOptions.RefreshInterval"/>, whatever the call rate.</para>
/// <para><b>Per call</b>, the document's design: every check reads the item and every outcome reads, modifies and writes it.
/// The document reads, modifies and puts unconditionally, so concurrent instances overwrite each other's updates.
/// Here every change is a conditional put on the version read (<c>Version + 1</c>); a lost write re-reads and retries,
/// up to <see cref="DistributedBreakerOptions.MaxWriteAttempts"/>, with a short backoff on the <see cref="TimeProvider"/>.</para>
/// <para>Each instance's failures are kept in <c>InstanceFailures</c>, capped at
/// <see cref="DistributedBreakerOptions.MaxContributionPerInstance"/>, and opening needs failures from
/// <see cref="DistributedBreakerOptions.MinInstancesToOpen"/> instances, so one sick instance cannot open it for all.</para>
/// <para>When the table fails (or contention outlasts the attempts), answers come from a local
/// <see cref="CircuitBreaker"/> that every outcome also feeds, so it is warm when needed.</para>
/// </remarks>
public sealed class CircuitBreakerManager : IAsyncDisposable
{
    private readonly MeteredBreakerTable _table;
    private readonly DistributedBreakerOptions _options;
    private readonly TimeProvider _time;
    private readonly StackTelemetry? _telemetry;
    private readonly BackoffSchedule _conflictBackoff;
    private readonly CircuitBreakerOptions _localOptions;
    private readonly ConcurrentDictionary<string, CircuitBreaker> _local = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, SharedBreakerView> _views = new(StringComparer.Ordinal);
    private readonly BreakerTableSync? _sync;
    private long _fallbacks;
    private long _conflicts;

    /// <param name="random">Jitter for the pause after a lost write (values in [0, 1)); null for plain exponential pauses.</param>
    public CircuitBreakerManager(IBreakerTable table, DistributedBreakerOptions options, TimeProvider timeProvider, Func<double>? random = null, StackTelemetry? telemetry = null)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _table = new MeteredBreakerTable(table, telemetry);
        _options = options;
        _time = timeProvider;
        _telemetry = telemetry;
        _conflictBackoff = new BackoffSchedule(
            new RetryOptions
            {
                BaseDelay = options.ConflictBaseDelay,
                MaxDelay = options.ConflictMaxDelay,
                BackoffFactor = 2,
                Jitter = random is null ? JitterMode.None : JitterMode.Full,
            },
            random ?? (static () => 0));
        _localOptions = new CircuitBreakerOptions
        {
            FailureThreshold = options.FailureThreshold,
            BreakDuration = TimeSpan.FromSeconds(options.TimeoutSeconds),
            HalfOpenMaxCalls = options.HalfOpenMaxCalls,
        };
        _sync = options.Mode == SharedBreakerMode.Bounded ? new BreakerTableSync(_table, options, timeProvider, _views) : null;
    }

    public string InstanceId => _options.InstanceId;

    public SharedBreakerMode Mode => _options.Mode;

    /// <summary>Breaker-table operations made so far (every GetItem, PutItem and UpdateItem, whatever its result).</summary>
    public long TableOperations => _table.Operations;

    /// <summary>Operations answered or recorded from local state because the table failed or stayed contended.</summary>
    public long Fallbacks => Interlocked.Read(ref _fallbacks);

    /// <summary>Conditional writes lost to another writer (each was retried).</summary>
    public long Conflicts => Interlocked.Read(ref _conflicts);

    /// <summary>The stored item (the document's <c>get_circuit_state</c>), or a new closed one; throws <see cref="PortException"/> when the table does.</summary>
    public async ValueTask<BreakerItem> GetCircuitStateAsync(string serviceName, CancellationToken cancellationToken = default) =>
        await _table.GetAsync(serviceName, cancellationToken).ConfigureAwait(false) ?? NewItem(serviceName);

    /// <summary>The local breaker this instance falls back to for <paramref name="serviceName"/>.</summary>
    public CircuitState LocalState(string serviceName) => _sync is null ? Local(serviceName).State : View(serviceName).Local.State;

    /// <summary>Bounded mode: the state deciding this instance's calls to <paramref name="serviceName"/> (the view's, or the local breaker's while the table cannot answer).</summary>
    public CircuitState ViewState(string serviceName) => View(serviceName).State;

    /// <summary>
    /// Whether an attempt to <paramref name="serviceName"/> may go. Bounded mode answers from the view at once and never
    /// waits for the table; per-call mode asks the table. A permitted probe must be reported with <see cref="RecordAsync"/>.
    /// </summary>
    public ValueTask<BreakerDecision> AcquireAsync(string serviceName, CancellationToken cancellationToken = default) =>
        _sync is null ? CheckPerCallAsync(serviceName, cancellationToken) : ValueTask.FromResult(View(serviceName).Acquire());

    /// <summary>How an attempt <see cref="AcquireAsync"/> admitted ended. Bounded mode counts it for the next flush and returns at once.</summary>
    public ValueTask RecordAsync(string serviceName, BreakerDecision decision, BreakerOutcome outcome, CancellationToken cancellationToken = default)
    {
        if (_sync is not null)
        {
            View(serviceName).Record(decision, outcome);
            return ValueTask.CompletedTask;
        }

        return outcome switch
        {
            BreakerOutcome.Success => RecordAsync(serviceName, success: true, cancellationToken),
            BreakerOutcome.Failure => RecordAsync(serviceName, success: false, cancellationToken),
            // The document's table has no slot to give back: an abandoned probe's slot frees when the round goes stale.
            _ => ValueTask.CompletedTask,
        };
    }

    /// <summary>Bounded mode: synchronises every service's view with the table once now (the timer does so every refresh interval).</summary>
    public Task SynchronizeAsync(CancellationToken cancellationToken = default) => _sync?.SyncAllAsync(cancellationToken) ?? Task.CompletedTask;

    /// <summary>Stops the bounded mode's refreshes and flushes what is still counted.</summary>
    public ValueTask DisposeAsync() => _sync?.DisposeAsync() ?? ValueTask.CompletedTask;

    /// <summary>The document's <c>should_allow_request</c>. Never throws for a table failure: answers from local state instead.</summary>
    public async ValueTask<BreakerCheck> ShouldAllowRequestAsync(string serviceName, CancellationToken cancellationToken = default)
    {
        if (_sync is not null)
        {
            return Check(View(serviceName).Acquire());
        }

        try
        {
            return await UpdateAsync(serviceName, (item, now) => DistributedBreakerRules.Check(item, now, _options), cancellationToken).ConfigureAwait(false);
        }
        catch (PortException)
        {
            return LocalCheck(serviceName, DistributedBreakerConstants.ReasonTableUnavailable);
        }
        catch (BreakerTableContentionException)
        {
            return LocalCheck(serviceName, DistributedBreakerConstants.ReasonTableContention);
        }
    }

    /// <summary>The document's <c>record_success</c>; also counts <c>TotalSuccesses</c>.</summary>
    public ValueTask RecordSuccessAsync(string serviceName, CancellationToken cancellationToken = default) =>
        RecordAsync(serviceName, success: true, cancellationToken);

    /// <summary>The document's <c>record_failure</c>, with this instance's contribution capped; also counts <c>TotalFailures</c>.</summary>
    public ValueTask RecordFailureAsync(string serviceName, CancellationToken cancellationToken = default) =>
        RecordAsync(serviceName, success: false, cancellationToken);

    private async ValueTask RecordAsync(string serviceName, bool success, CancellationToken cancellationToken)
    {
        if (_sync is not null)
        {
            var view = View(serviceName);
            view.Record(view.Unpaired(), success ? BreakerOutcome.Success : BreakerOutcome.Failure);
            return;
        }

        Local(serviceName).RecordOutcome(success);
        try
        {
            await UpdateAsync(
                serviceName,
                (item, now) => (success ? DistributedBreakerRules.Success(item) : DistributedBreakerRules.Failure(item, now, _options.InstanceId, _options), true),
                cancellationToken).ConfigureAwait(false);
        }
        catch (PortException)
        {
            Fallback(serviceName, DistributedBreakerConstants.ReasonTableUnavailable);
        }
        catch (BreakerTableContentionException)
        {
            Fallback(serviceName, DistributedBreakerConstants.ReasonTableContention);
        }
    }

    private async ValueTask<T> UpdateAsync<T>(string serviceName, Func<BreakerItem, double, (BreakerItem? Next, T Result)> change, CancellationToken cancellationToken)
    {
        var previousDelay = TimeSpan.Zero;
        for (var attempt = 1; ; attempt++)
        {
            var stored = await _table.GetAsync(serviceName, cancellationToken).ConfigureAwait(false);
            var current = stored ?? NewItem(serviceName);
            var now = Now();
            var (next, result) = change(current, now);
            if (next is null)
            {
                return result;
            }

            next = next with
            {
                FailureThreshold = _options.FailureThreshold,
                TimeoutSeconds = _options.TimeoutSeconds,
                HalfOpenMaxCalls = _options.HalfOpenMaxCalls,
                Version = current.Version + 1,
                UpdatedAt = now,
            };
            if (await _table.TryPutAsync(next, stored?.Version, cancellationToken).ConfigureAwait(false))
            {
                if (next.State != current.State)
                {
                    // The instance whose write changed the shared state reports the transition.
                    _telemetry?.BreakerChanged(new BreakerTransition(serviceName, Parse(current.State), Parse(next.State), _time.GetUtcNow(), $"breaker table: {current.State} -> {next.State} (failure_count {next.FailureCount})"));
                }

                return result;
            }

            Interlocked.Increment(ref _conflicts);
            _telemetry?.BreakerTableConflict(serviceName);
            if (attempt >= _options.MaxWriteAttempts)
            {
                throw new BreakerTableContentionException(serviceName, attempt);
            }

            var delay = _conflictBackoff.Delay(attempt - 1, previousDelay);
            previousDelay = delay;
            if (delay > TimeSpan.Zero)
            {
                await Task.Delay(delay, _time, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async ValueTask<BreakerDecision> CheckPerCallAsync(string serviceName, CancellationToken cancellationToken)
    {
        var check = await ShouldAllowRequestAsync(serviceName, cancellationToken).ConfigureAwait(false);
        return check.Allowed
            ? BreakerDecision.Pass
            : BreakerDecision.Reject(check.Reason == DistributedBreakerConstants.ReasonHalfOpenLimit ? CircuitBreakerConstants.ReasonHalfOpenLimit : CircuitBreakerConstants.ReasonOpen);
    }

    private BreakerCheck Check(BreakerDecision decision) => decision switch
    {
        { Shared: false } => new BreakerCheck(decision.Allowed, DistributedBreakerConstants.ReasonTableUnavailable) { FromLocalState = _options.FallbackToLocalState },
        { Allowed: true, IsProbe: true } => new BreakerCheck(true, DistributedBreakerConstants.ReasonHalfOpenProbe),
        { Allowed: true } => new BreakerCheck(true, DistributedBreakerConstants.ReasonClosed),
        _ when decision.RejectionReason == CircuitBreakerConstants.ReasonHalfOpenLimit => new BreakerCheck(false, DistributedBreakerConstants.ReasonHalfOpenLimit),
        _ => new BreakerCheck(false, DistributedBreakerConstants.ReasonOpen),
    };

    private SharedBreakerView View(string serviceName)
    {
        if (_sync is null)
        {
            throw new InvalidOperationException($"The breaker of {serviceName} is shared per call, so it has no view");
        }

        var view = _views.GetOrAdd(serviceName, static (name, manager) => new SharedBreakerView(
            name,
            manager._options,
            manager._localOptions,
            manager._time,
            transition => manager._telemetry?.BreakerChanged(transition),
            reason => manager.Fallback(name, reason)), this);
        _sync.EnsureStarted();
        return view;
    }

    private BreakerCheck LocalCheck(string serviceName, string reason)
    {
        if (!_options.FallbackToLocalState)
        {
            return new BreakerCheck(false, reason);
        }

        Fallback(serviceName, reason);
        var decision = Local(serviceName).Acquire();
        return new BreakerCheck(decision.Allowed, reason) { FromLocalState = true };
    }

    private void Fallback(string serviceName, string reason)
    {
        Interlocked.Increment(ref _fallbacks);
        _telemetry?.BreakerTableFallback(serviceName, reason);
    }

    private CircuitBreaker Local(string serviceName) =>
        _local.GetOrAdd(serviceName, static (name, state) => new CircuitBreaker(name, state._localOptions, state._time), this);

    private BreakerItem NewItem(string serviceName) => new()
    {
        ServiceName = serviceName,
        FailureThreshold = _options.FailureThreshold,
        TimeoutSeconds = _options.TimeoutSeconds,
        HalfOpenMaxCalls = _options.HalfOpenMaxCalls,
    };

    private static CircuitState Parse(string state) => state switch
    {
        DistributedBreakerConstants.Open => CircuitState.Open,
        DistributedBreakerConstants.HalfOpen => CircuitState.HalfOpen,
        _ => CircuitState.Closed,
    };

    // Seconds since the epoch as a double, as the document's time.time().
    private double Now() => _time.GetUtcNow().ToUnixTimeMilliseconds() / 1000.0;
}
