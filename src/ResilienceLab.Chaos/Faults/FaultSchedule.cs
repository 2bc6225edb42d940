using ResilienceLab.Chaos.Dependencies;

namespace ResilienceLab.Chaos.Faults;

/// <summary>
/// Arms a scenario's faults on the run's clock: each is switched on at its start and off at its end by a timer from
/// the <see cref="TimeProvider"/>. <see cref="RollbackAll"/> switches every fault off at once (end of run, Ctrl-C, error)
/// and is safe to call more than once. A fault's target resolves through <see cref="IFaultTargets"/>: a service for HTTP
/// kinds, a resource for API kinds, a queue for process kinds.
/// </summary>
public sealed class FaultSchedule : IDisposable
{
    private readonly Lock _lock = new();
    private readonly TimeProvider _time;
    private readonly long _origin;
    private readonly List<Entry> _entries = [];
    private bool _rolledBack;

    /// <summary>A schedule of HTTP faults only, on the given dependency servers.</summary>
    public FaultSchedule(IEnumerable<FaultSpec> faults, IReadOnlyDictionary<string, DependencyServer> dependencies, TimeProvider timeProvider, long originTimestamp, int seed)
        : this(faults, FaultTargets.ForServices(dependencies), timeProvider, originTimestamp, seed)
    {
    }

    /// <summary>A schedule of faults of any kind; every fault's target must resolve through <paramref name="targets"/>.</summary>
    /// <exception cref="ArgumentException">A fault's target does not take its kind (every such fault is listed).</exception>
    public FaultSchedule(IEnumerable<FaultSpec> faults, IFaultTargets targets, TimeProvider timeProvider, long originTimestamp, int seed)
    {
        ArgumentNullException.ThrowIfNull(faults);
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _time = timeProvider;
        _origin = originTimestamp;
        var index = 0;
        List<string> problems = [];
        foreach (var spec in faults)
        {
            var fault = new ActiveFault(spec, unchecked(seed + (++index * 7919)), timeProvider);
            if (targets.Find(spec.Target, spec.Kind) is not { } target)
            {
                problems.Add($"fault '{spec.Name}' ({FaultNames.Of(spec.Kind)}) targets unknown {TargetNoun(spec.Category)} '{spec.Target}' (known: {string.Join(", ", targets.Known(spec.Kind))})");
                continue;
            }

            _entries.Add(new Entry(spec, fault, target));
        }

        if (problems.Count > 0)
        {
            throw new ArgumentException(string.Join("; ", problems), nameof(faults));
        }
    }

    /// <summary>Raised when a fault switches on (true) or off (false).</summary>
    public event Action<FaultSpec, bool>? Switched;

    /// <summary>Starts the timers. Offsets count from the origin timestamp given to the constructor.</summary>
    public void Arm()
    {
        lock (_lock)
        {
            foreach (var entry in _entries)
            {
                var now = _time.GetElapsedTime(_origin);
                var startIn = entry.Spec.Start - now;
                var endIn = entry.Spec.End - now;
                entry.StartTimer = _time.CreateTimer(_ => SwitchOn(entry), null, startIn > TimeSpan.Zero ? startIn : TimeSpan.Zero, Timeout.InfiniteTimeSpan);
                entry.EndTimer = _time.CreateTimer(_ => SwitchOff(entry, early: false), null, endIn > TimeSpan.Zero ? endIn : TimeSpan.Zero, Timeout.InfiniteTimeSpan);
            }
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

    /// <summary>Switches every fault off and stops the timers; a fault not yet started never starts.</summary>
    public void RollbackAll()
    {
        List<Entry> switchedOff = [];
        lock (_lock)
        {
            if (_rolledBack)
            {
                return;
            }

            _rolledBack = true;
            foreach (var entry in _entries)
            {
                entry.StartTimer?.Dispose();
                entry.EndTimer?.Dispose();
                if (entry.On)
                {
                    TurnOff(entry, early: true);
                    switchedOff.Add(entry);
                }
            }
        }

        foreach (var entry in switchedOff)
        {
            Switched?.Invoke(entry.Spec, false);
        }
    }

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
                e.Spec.End,
                e.ActualStart,
                e.ActualEnd,
                e.Fault.RequestsAffected,
                e.RolledBackEarly))];
        }
    }

    public void Dispose() => RollbackAll();

    private void SwitchOn(Entry entry)
    {
        lock (_lock)
        {
            if (_rolledBack || entry.On || entry.ActualEnd is not null)
            {
                return;
            }

            entry.On = true;
            entry.ActualStart = _time.GetElapsedTime(_origin);
            entry.Fault.SwitchOn();
            entry.Target.Activate(entry.Fault);
        }

        Switched?.Invoke(entry.Spec, true);
    }

    private void SwitchOff(Entry entry, bool early)
    {
        lock (_lock)
        {
            if (!entry.On)
            {
                return;
            }

            TurnOff(entry, early);
        }

        Switched?.Invoke(entry.Spec, false);
    }

    private void TurnOff(Entry entry, bool early)
    {
        entry.On = false;
        entry.ActualEnd = _time.GetElapsedTime(_origin);
        entry.RolledBackEarly = early && entry.ActualEnd < entry.Spec.End;
        entry.Target.Deactivate(entry.Fault);
        entry.Fault.SwitchOff();
    }

    private static string TargetNoun(FaultCategory category) => category switch
    {
        FaultCategory.Api => "resource",
        FaultCategory.Process => "queue",
        _ => "service",
    };

    private sealed class Entry(FaultSpec spec, ActiveFault fault, IFaultTarget target)
    {
        public IFaultTarget Target { get; } = target;

        public FaultSpec Spec { get; } = spec;

        public ActiveFault Fault { get; } = fault;

        public bool On { get; set; }

        public TimeSpan? ActualStart { get; set; }

        public TimeSpan? ActualEnd { get; set; }

        public bool RolledBackEarly { get; set; }

        public ITimer? StartTimer { get; set; }

        public ITimer? EndTimer { get; set; }
    }
}
