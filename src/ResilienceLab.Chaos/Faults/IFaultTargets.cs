namespace ResilienceLab.Chaos.Faults;

/// <summary>Resolves a fault's target name, for its kind, to what switches it on and off.</summary>
public interface IFaultTargets
{
    /// <summary>What takes a fault of <paramref name="kind"/> aimed at <paramref name="target"/>, or null when nothing does.</summary>
    IFaultTarget? Find(string target, FaultKind kind);

    /// <summary>The target names that take faults of <paramref name="kind"/>, for error messages.</summary>
    IReadOnlyCollection<string> Known(FaultKind kind);
}
