namespace ResilienceLab.Chaos.Faults;

/// <summary>Something a fault can be switched on in: a dependency server, the API fault injector, consumers or producers.</summary>
public interface IFaultTarget
{
    /// <summary>Switches <paramref name="fault"/> on; its target is <c>fault.Spec.Target</c>.</summary>
    void Activate(ActiveFault fault);

    /// <summary>Switches <paramref name="fault"/> off; anything it still holds is released through <see cref="ActiveFault.Ended"/>.</summary>
    void Deactivate(ActiveFault fault);
}
