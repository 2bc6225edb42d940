namespace ResilienceLab.Chaos.Faults;

/// <summary>Active faults keyed by target name; readers take a lock-free snapshot, switching on and off copies.</summary>
internal sealed class ActiveFaultSet
{
    private readonly Lock _lock = new();
    private volatile Dictionary<string, ActiveFault[]> _byTarget = new(StringComparer.Ordinal);

    public bool IsEmpty => _byTarget.Count == 0;

    public IReadOnlyList<ActiveFault> On(string target) => _byTarget.TryGetValue(target, out var faults) ? faults : [];

    public void Add(ActiveFault fault)
    {
        lock (_lock)
        {
            var next = new Dictionary<string, ActiveFault[]>(_byTarget, StringComparer.Ordinal);
            next[fault.Spec.Target] = [.. next.GetValueOrDefault(fault.Spec.Target, []), fault];
            _byTarget = next;
        }
    }

    public void Remove(ActiveFault fault)
    {
        lock (_lock)
        {
            var next = new Dictionary<string, ActiveFault[]>(_byTarget, StringComparer.Ordinal);
            var remaining = next.GetValueOrDefault(fault.Spec.Target, []).Where(f => f != fault).ToArray();
            if (remaining.Length == 0)
            {
                next.Remove(fault.Spec.Target);
            }
            else
            {
                next[fault.Spec.Target] = remaining;
            }

            _byTarget = next;
        }
    }
}
