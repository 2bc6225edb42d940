using ResilienceLab.Stack.Breaker;
using ResilienceLab.Stack.Ports;
using static ResilienceLab.Stack.Distributed.DistributedBreakerConstants;

namespace ResilienceLab.Stack.Distributed;

/// <summary>
/// One instance's view of one service's shared breaker in bounded mode: it decides on the call path from the item as
/// last synchronised plus what the instance saw itself, and counts outcomes for the next synchronisation. It owns the
/// lock and the state; it never touches the table (<see cref="BreakerTableSync"/> does, and hands the answers back).
/// </summary>
/// <remarks>
/// <para>The instance's own failures open the view at once when the shared rule, with its fresh contribution, agrees;
/// its half-open probe's outcome closes or re-opens it at once. Either is a <see cref="BreakerProposal"/> the next
/// synchronisation writes, unless the table moved on first, in which case the table wins.</para>
/// <para>While the last synchronisation failed, or none succeeded for <see cref="DistributedBreakerConstants.StaleAfterIntervals"/>
/// intervals, decisions come from <see cref="Local"/> (fed every outcome, so warm), or every call is refused when
/// <see cref="DistributedBreakerOptions.FallbackToLocalState"/> is false.</para>
/// <para>Transitions reported are this instance's effective state (view or fallback), which is what decides its calls.</para>
/// </remarks>
internal sealed class SharedBreakerView
{
    private static readonly BreakerDecision SharedPass = BreakerDecision.Pass with { Shared = true };
    private static readonly BreakerDecision SharedRejectOpen = BreakerDecision.Reject(CircuitBreakerConstants.ReasonOpen) with { Shared = true };
    private static readonly BreakerDecision SharedRejectHalfOpen = BreakerDecision.Reject(CircuitBreakerConstants.ReasonHalfOpenLimit) with { Shared = true };
    private static readonly BreakerDecision TableRefused = BreakerDecision.Reject(CircuitBreakerConstants.ReasonOpen);

    private readonly Lock _lock = new();
    private readonly string _serviceName;
    private readonly DistributedBreakerOptions _options;
    private readonly TimeProvider _time;
    private readonly long _staleAfter;
    private readonly Action<BreakerTransition> _transitioned;
    private readonly Action<string> _fellBack;
    private volatile CircuitState _viewState = CircuitState.Closed;
    private volatile bool _tableFailed;
    private string _tableProblem = ReasonTableUnavailable;
    private long _refreshedAt;
    private CircuitState _published = CircuitState.Closed;
    private BreakerItem? _item;
    private BreakerProposal? _proposal;
    private long _proposalSequence;
    private long _round;
    private int _permits;
    private int _probesInFlight;
    private long _demand;
    private long _failures;
    private long _successes;
    private double? _lastFailureTime;
    private int _consecutiveFailures;

    /// <param name="transitioned">Receives every change of the effective state (outside the lock).</param>
    /// <param name="fellBack">Receives the reason each time a decision is made without the table.</param>
    public SharedBreakerView(string serviceName, DistributedBreakerOptions options, CircuitBreakerOptions localOptions, TimeProvider time, Action<BreakerTransition> transitioned, Action<string> fellBack)
    {
        _serviceName = serviceName;
        _options = options;
        _time = time;
        _transitioned = transitioned;
        _fellBack = fellBack;
        _staleAfter = (long)(options.RefreshInterval.TotalSeconds * StaleAfterIntervals * time.TimestampFrequency);
        _refreshedAt = time.GetTimestamp();
        Local = new CircuitBreaker(serviceName, localOptions, time);
        Local.Transitioned += t => Publish($"local state: {t.Reason}");
    }

    public string ServiceName => _serviceName;

    /// <summary>This instance's own breaker: it decides while the table cannot.</summary>
    public CircuitBreaker Local { get; }

    /// <summary>The state deciding this instance's calls right now.</summary>
    public CircuitState State
    {
        get
        {
            lock (_lock)
            {
                return Effective();
            }
        }
    }

    /// <summary>Asks to make a call; answers at once, never waiting for the table.</summary>
    public BreakerDecision Acquire()
    {
        if (!UsesTable(out var problem))
        {
            return FallbackAcquire(problem);
        }

        var state = _viewState;
        if (state == CircuitState.Closed)
        {
            return SharedPass;
        }

        if (state == CircuitState.Open)
        {
            Interlocked.Increment(ref _demand);
            return SharedRejectOpen;
        }

        lock (_lock)
        {
            switch (_viewState)
            {
                case CircuitState.Closed:
                    return SharedPass;
                case CircuitState.HalfOpen when _permits > 0:
                    _permits--;
                    _probesInFlight++;
                    return BreakerDecision.Probe with { Round = _round, Shared = true };
                default:
                    Interlocked.Increment(ref _demand);
                    return _viewState == CircuitState.Open ? SharedRejectOpen : SharedRejectHalfOpen;
            }
        }
    }

    /// <summary>A call's outcome: counted for the next synchronisation, fed to <see cref="Local"/>, and acted on at once when it decides something.</summary>
    public void Record(BreakerDecision decision, BreakerOutcome outcome)
    {
        FeedLocal(decision, outcome);
        var now = Now();
        string? reason = null;
        lock (_lock)
        {
            var probe = decision.Shared && decision.IsProbe;
            var currentProbe = probe && decision.Round == _round && _viewState == CircuitState.HalfOpen;
            if (probe && _probesInFlight > 0)
            {
                _probesInFlight--;
            }

            switch (outcome)
            {
                case BreakerOutcome.Success:
                    _successes++;
                    _consecutiveFailures = 0;
                    if (currentProbe)
                    {
                        reason = Propose(CircuitState.Closed, now, "a half-open probe succeeded");
                    }

                    break;
                case BreakerOutcome.Failure:
                    _failures++;
                    _consecutiveFailures++;
                    _lastFailureTime = now;
                    if (currentProbe)
                    {
                        reason = Propose(CircuitState.Open, now, "a half-open probe failed");
                    }
                    else if (_viewState == CircuitState.Closed && UsesTable(out _) && BoundedBreakerRules.QuorumAgrees(_item ?? BoundedBreakerRules.NewItem(_serviceName, _options), Contribution(), _options))
                    {
                        reason = Propose(CircuitState.Open, now, $"{_consecutiveFailures} failures in a row here; with the table's counts failure_count reaches failure_threshold {_options.FailureThreshold} across min_instances_to_open {_options.MinInstancesToOpen}");
                    }

                    break;
                case BreakerOutcome.Abandoned when currentProbe:
                    _permits++;
                    break;
            }
        }

        if (reason is not null)
        {
            Publish(reason);
        }
    }

    /// <summary>An outcome reported without its decision (the document's record_success/record_failure): a probe's when one is in flight here.</summary>
    public BreakerDecision Unpaired()
    {
        lock (_lock)
        {
            return _viewState == CircuitState.HalfOpen && _probesInFlight > 0 ? BreakerDecision.Probe with { Round = _round, Shared = true } : SharedPass;
        }
    }

    /// <summary>Takes what was counted since the last synchronisation; <see cref="CompleteSync"/> or <see cref="FailSync"/> must follow.</summary>
    public BreakerSyncPlan BeginSync()
    {
        lock (_lock)
        {
            var demand = Interlocked.Exchange(ref _demand, 0);
            var plan = new BreakerSyncPlan
            {
                Item = _item,
                Failures = _failures,
                Successes = _successes,
                LastFailureTime = _lastFailureTime,
                Contribution = Math.Max(Contribution(), _proposal?.Contribution ?? 0),
                Proposal = _proposal,
                ProposalSequence = _proposalSequence,
                WantsProbe = demand > 0 && _permits == 0 && _probesInFlight == 0,
            };
            _failures = 0;
            _successes = 0;
            _lastFailureTime = null;
            return plan;
        }
    }

    /// <summary>The table answered: <paramref name="item"/> is what it holds now (null when unknown), <paramref name="countsApplied"/> whether the plan's counts were added.</summary>
    public void CompleteSync(BreakerSyncPlan plan, BreakerItem? item, bool countsApplied, int probesClaimed)
    {
        lock (_lock)
        {
            if (!countsApplied)
            {
                Restore(plan);
            }

            _tableFailed = false;
            Volatile.Write(ref _refreshedAt, _time.GetTimestamp());
            var previous = _item;
            _item = item;
            if (item is not null)
            {
                if (previous is not null && item.Version != previous.Version && item.State == Closed)
                {
                    // The breaker closed since this instance last looked: its earlier failures were wiped with everyone's.
                    _consecutiveFailures = 0;
                }

                if (probesClaimed > 0)
                {
                    _round = item.Version;
                    _permits += probesClaimed;
                }
                else if (item.Version != _round)
                {
                    _permits = 0;
                }

                if (_proposalSequence == plan.ProposalSequence)
                {
                    // Written, or overtaken by another instance's write: either way the table now says what holds.
                    _proposal = null;
                    _viewState = Parse(item.State);
                }
            }
        }

        Publish(item is null ? "breaker table answered" : $"breaker table: {item.State} (version {item.Version}, failure_count {item.FailureCount})");
    }

    /// <summary>The table failed; <paramref name="itemAfterFlush"/> is the item the flush returned when the plan's counts were added before the failure.</summary>
    public void FailSync(BreakerSyncPlan plan, bool countsApplied, BreakerItem? itemAfterFlush, string problem)
    {
        lock (_lock)
        {
            if (countsApplied)
            {
                // The stored contribution moved: without the item it returned, re-read before the next flush.
                _item = itemAfterFlush;
            }
            else
            {
                Restore(plan);
            }

            _tableFailed = true;
            _tableProblem = problem;
        }

        Publish(problem);
    }

    private int Contribution() => Math.Min(_consecutiveFailures, _options.EffectiveMaxContribution);

    private void Restore(BreakerSyncPlan plan)
    {
        _failures += plan.Failures;
        _successes += plan.Successes;
        if (plan.LastFailureTime is { } at && (_lastFailureTime is null || at > _lastFailureTime))
        {
            _lastFailureTime = at;
        }
    }

    private string Propose(CircuitState to, double now, string reason)
    {
        var fromHalfOpen = _viewState == CircuitState.HalfOpen;
        _proposal = new BreakerProposal(to == CircuitState.Closed ? Closed : Open, now, fromHalfOpen ? _round : 0, fromHalfOpen ? 0 : Contribution());
        _proposalSequence++;
        _permits = 0;
        _viewState = to;
        return reason;
    }

    private BreakerDecision FallbackAcquire(string problem)
    {
        _fellBack(problem);
        BreakerDecision decision;
        if (_options.FallbackToLocalState)
        {
            decision = Local.Acquire();
        }
        else
        {
            decision = TableRefused;
        }

        Publish(problem);
        return decision;
    }

    private void FeedLocal(BreakerDecision decision, BreakerOutcome outcome)
    {
        if (decision.Shared)
        {
            // Admitted by the view: the local breaker hears the outcome so it is warm when it must decide.
            if (outcome != BreakerOutcome.Abandoned)
            {
                Local.RecordOutcome(outcome == BreakerOutcome.Success);
            }

            return;
        }

        Local.Record(decision, outcome);
    }

    private bool UsesTable(out string problem)
    {
        if (_tableFailed)
        {
            problem = Volatile.Read(ref _tableProblem);
            return false;
        }

        if (_time.GetTimestamp() - Volatile.Read(ref _refreshedAt) > _staleAfter)
        {
            problem = ReasonTableStale;
            return false;
        }

        problem = string.Empty;
        return true;
    }

    private CircuitState Effective() => UsesTable(out _)
        ? _viewState
        : _options.FallbackToLocalState ? Local.State : CircuitState.Open;

    private void Publish(string reason)
    {
        BreakerTransition? transition = null;
        lock (_lock)
        {
            var state = Effective();
            if (state != _published)
            {
                transition = new BreakerTransition(_serviceName, _published, state, _time.GetUtcNow(), reason);
                _published = state;
            }
        }

        // Raised outside the lock so a handler can never deadlock the view.
        if (transition is not null)
        {
            _transitioned(transition);
        }
    }

    private static CircuitState Parse(string state) => state switch
    {
        Open => CircuitState.Open,
        HalfOpen => CircuitState.HalfOpen,
        _ => CircuitState.Closed,
    };

    private double Now() => _time.GetUtcNow().ToUnixTimeMilliseconds() / 1000.0;
}
