namespace ResilienceLab.Chaos.Faults;

/// <summary>
/// Faults switched on and off by hand while a run goes (a game day's operator), through the same
/// <see cref="IFaultTarget"/> activate/deactivate mechanism <see cref="FaultSchedule"/> uses. <see cref="StartNow"/> switches
/// a fault on at once, for its <see cref="FaultSpec.Duration"/> (zero or less: until stopped); <see cref="RollbackAll"/>
/// switches every one off, refuses later starts, and is safe to call more than once. Each start is one
/// <see cref="FaultRecord"/>, with the offsets it actually ran.
/// </summary>
public sealed class ManualFaults : IDisposable
{
    private readonly Lock _lock = new();
    private readonly IFaultTargets _targets;
    private readonly TimeProvider _time;
    private readonly long _origin;
    private readonly int _seed;
    private readonly List<Entry> _entries = [];
    private bool _rolledBack;

    /// <param name="targets">Where faults resolve, by kind and target name.</param>
    /// <param name="timeProvider">The run's clock.</param>
    /// <param name="originTimestamp">Offsets in the records count from here.</param>
    /// <param name="seed">Seeds each start's randomizer (mixed with how many starts came before).</param>
    public ManualFaults(IFaultTargets targets, TimeProvider timeProvider, long originTimestamp, int seed)
    {
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _targets = targets;
        _time = timeProvider;
        _origin = originTimestamp;
        _seed = seed;
    }

    /// <summary>Raised after a fault switches on (true) or off (false), outside the lock.</summary>
    public event Action<FaultSpec, bool>? Switched;

    /// <summary>Whether a fault named <paramref name="name"/> is on now.</summary>
    public bool IsActive(string name)
    {
        lock (_lock)
        {
            return _entries.Any(e => e.On && e.Spec.Name == name);
        }
    }

    /// <summary>Faults switched on right now.</summary>
    public IReadOnlyList<FaultSpec> Active()
    {
        lock (_lock)
        {
            return [.. _entries.Where(e => e.On).Select(e => e.Spec)];
        }
    }

    /// <summary>Requests, calls or messages the current activation of <paramref name="name"/> hit (0 when it is off).</summary>
    public long RequestsAffected(string name)
    {
        lock (_lock)
        {
            return _entries.LastOrDefault(e => e.On && e.Spec.Name == name)?.Fault.RequestsAffected ?? 0;
        }
    }

    /// <summary>Switches <paramref name="spec"/> on now; it switches off after its duration (if positive), on <see cref="StopNow"/> or on rollback.</summary>
    /// <exception cref="ArgumentException">Nothing takes a fault of its kind on its target.</exception>
    /// <exception cref="InvalidOperationException">A fault of that name is already on, or the faults were rolled back.</exception>
    public void StartNow(FaultSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (_targets.Find(spec.Target, spec.Kind) is not { } target)
        {
            throw new ArgumentException($"fault '{spec.Name}' ({FaultNames.Of(spec.Kind)}) targets '{spec.Target}', which takes no such fault (known: {string.Join(", ", _targets.Known(spec.Kind))})", nameof(spec));
        }

        Entry entry;
        lock (_lock)
        {
            if (_rolledBack)
            {
                throw new InvalidOperationException("the run's faults were rolled back; no fault can start any more");
            }

            if (_entries.Any(e => e.On && e.Spec.Name == spec.Name))
            {
                throw new InvalidOperationException($"fault '{spec.Name}' is already on");
            }

            var now = _time.GetElapsedTime(_origin);
            var started = spec with { Start = now };
            entry = new Entry(started, new ActiveFault(started, unchecked(_seed + ((_entries.Count + 1) * 104_729)), _time), target) { On = true, ActualStart = now };
            _entries.Add(entry);
            entry.Fault.SwitchOn();
            target.Activate(entry.Fault);
            if (spec.Duration > TimeSpan.Zero)
            {
                entry.EndTimer = _time.CreateTimer(_ => SwitchOff(entry), null, spec.Duration, Timeout.InfiniteTimeSpan);
            }
        }

        Switched?.Invoke(entry.Spec, true);
    }

    /// <summary>Switches the fault named <paramref name="name"/> off; false when no such fault is on.</summary>
    public bool StopNow(string name)
    {
        Entry? entry;
        lock (_lock)
        {
            entry = _entries.LastOrDefault(e => e.On && e.Spec.Name == name);
        }

        return entry is not null && SwitchOff(entry);
    }

    /// <summary>Switches every fault off and refuses later starts.</summary>
    public void RollbackAll()
    {
        List<Entry> switchedOff = [];
        lock (_lock)
        {
            _rolledBack = true;
            foreach (var entry in _entries.Where(e => e.On))
            {
                TurnOff(entry);
                switchedOff.Add(entry);
            }
        }

        foreach (var entry in switchedOff)
        {
            Switched?.Invoke(entry.Spec, false);
        }
    }

    /// <summary>One record per start; a fault without an end is still on. Scheduled start and end are the actual start and the planned end.</summary>
    public IReadOnlyList<FaultRecord> Records()
    {
        lock (_lock)
        {
            return [.. _entries.Select(e => new FaultRecord(
                e.Spec.Name,
                FaultNames.Of(e.Spec.Kind),
                e.Spec.Target,
                e.Spec.Rate,
                e.Spec.Start,
                e.Spec.Duration > TimeSpan.Zero ? e.Spec.End : e.ActualEnd ?? e.Spec.Start,
                e.ActualStart,
                e.ActualEnd,
                e.Fault.RequestsAffected,
                e.RolledBackEarly))];
        }
    }

    public void Dispose() => RollbackAll();

    private bool SwitchOff(Entry entry)
    {
        lock (_lock)
        {
            if (!entry.On)
            {
                return false;
            }

            TurnOff(entry);
        }

        Switched?.Invoke(entry.Spec, false);
        return true;
    }

    private void TurnOff(Entry entry)
    {
        entry.On = false;
        entry.EndTimer?.Dispose();
        entry.ActualEnd = _time.GetElapsedTime(_origin);
        entry.RolledBackEarly = entry.Spec.Duration > TimeSpan.Zero && entry.ActualEnd < entry.Spec.End;
        entry.Target.Deactivate(entry.Fault);
        entry.Fault.SwitchOff();
    }

    private sealed class Entry(FaultSpec spec, ActiveFault fault, IFaultTarget target)
    {
        public FaultSpec Spec { get; } = spec;

        public ActiveFault Fault { get; } = fault;

        public IFaultTarget Target { get; } = target;

        public bool On { get; set; }

        public TimeSpan? ActualStart { get; set; }

        public TimeSpan? ActualEnd { get; set; }

        public bool RolledBackEarly { get; set; }

        public ITimer? EndTimer { get; set; }
    }
}
