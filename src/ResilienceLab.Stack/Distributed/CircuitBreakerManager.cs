using System.Collections.Concurrent;
using ResilienceLab.Stack.Breaker;
using ResilienceLab.Stack.Ports;
using ResilienceLab.Stack.Retry;
using ResilienceLab.Stack.Telemetry;

namespace ResilienceLab.Stack.Distributed;

/// <summary>
/// The document's Lambda <c>CircuitBreakerManager</c>: a breaker per <c>service_name</c> shared by every instance through
/// the breaker table, with check, success and failure.
/// </summary>
/// <remarks>
/// <para>The document reads, modifies and puts unconditionally, so concurrent instances overwrite each other's updates.
/// Here every change is a conditional put on the version read (<c>Version + 1</c>); a lost write re-reads and retries,
/// up to <see cref="DistributedBreakerOptions.MaxWriteAttempts"/>, with a short backoff on the <see cref="TimeProvider"/>.</para>
/// <para>Each instance's failures are kept in <c>InstanceFailures</c>, capped at
/// <see cref="DistributedBreakerOptions.MaxContributionPerInstance"/>, and opening needs failures from
/// <see cref="DistributedBreakerOptions.MinInstancesToOpen"/> instances, so one sick instance cannot open it for all.</para>
/// <para>When the table fails (or contention outlasts the attempts), answers come from a local
/// <see cref="CircuitBreaker"/> that every outcome also feeds, so it is warm when needed.</para>
/// </remarks>
public sealed class CircuitBreakerManager
{
    private readonly IBreakerTable _table;
    private readonly DistributedBreakerOptions _options;
    private readonly TimeProvider _time;
    private readonly StackTelemetry? _telemetry;
    private readonly BackoffSchedule _conflictBackoff;
    private readonly CircuitBreakerOptions _localOptions;
    private readonly ConcurrentDictionary<string, CircuitBreaker> _local = new(StringComparer.Ordinal);
    private long _fallbacks;
    private long _conflicts;

    /// <param name="random">Jitter for the pause after a lost write (values in [0, 1)); null for plain exponential pauses.</param>
    public CircuitBreakerManager(IBreakerTable table, DistributedBreakerOptions options, TimeProvider timeProvider, Func<double>? random = null, StackTelemetry? telemetry = null)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _table = table;
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
    }

    public string InstanceId => _options.InstanceId;

    /// <summary>Operations answered or recorded from local state because the table failed or stayed contended.</summary>
    public long Fallbacks => Interlocked.Read(ref _fallbacks);

    /// <summary>Conditional writes lost to another writer (each was retried).</summary>
    public long Conflicts => Interlocked.Read(ref _conflicts);

    /// <summary>The stored item (the document's <c>get_circuit_state</c>), or a new closed one; throws <see cref="PortException"/> when the table does.</summary>
    public async ValueTask<BreakerItem> GetCircuitStateAsync(string serviceName, CancellationToken cancellationToken = default) =>
        await _table.GetAsync(serviceName, cancellationToken).ConfigureAwait(false) ?? NewItem(serviceName);

    /// <summary>The local breaker this instance falls back to for <paramref name="serviceName"/>.</summary>
    public CircuitState LocalState(string serviceName) => Local(serviceName).State;

    /// <summary>The document's <c>should_allow_request</c>. Never throws for a table failure: answers from local state instead.</summary>
    public async ValueTask<BreakerCheck> ShouldAllowRequestAsync(string serviceName, CancellationToken cancellationToken = default)
    {
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
