using ResilienceLab.Chaos.Dependencies;
using ResilienceLab.Chaos.Ports;
using ResilienceLab.Chaos.Process;

namespace ResilienceLab.Chaos.Faults;

/// <summary>
/// The run's fault targets: HTTP kinds resolve to the dependency server of the named service, API kinds to the
/// <see cref="ApiFaultInjector"/> when it knows the named resource, <c>consumer_crash</c> to <see cref="ConsumerFaults"/>
/// and <c>poison_message</c> to <see cref="PoisonMarker"/> when they know the named queue.
/// </summary>
public sealed class FaultTargets : IFaultTargets
{
    private readonly List<Registration> _registrations = [];

    /// <summary>Targets for HTTP faults only: one per dependency server.</summary>
    public static FaultTargets ForServices(IReadOnlyDictionary<string, DependencyServer> dependencies)
    {
        ArgumentNullException.ThrowIfNull(dependencies);
        var targets = new FaultTargets();
        foreach (var (name, server) in dependencies)
        {
            targets.Add(name, server);
        }

        return targets;
    }

    public FaultTargets Add(DependencyServer server)
    {
        ArgumentNullException.ThrowIfNull(server);
        return Add(server.ServiceName, server);
    }

    public FaultTargets Add(ApiFaultInjector injector)
    {
        ArgumentNullException.ThrowIfNull(injector);
        _registrations.Add(new Registration(k => FaultNames.CategoryOf(k) == FaultCategory.Api, injector.Knows, () => injector.Resources, injector));
        return this;
    }

    public FaultTargets Add(ConsumerFaults consumers)
    {
        ArgumentNullException.ThrowIfNull(consumers);
        _registrations.Add(new Registration(k => k == FaultKind.ConsumerCrash, consumers.Knows, () => consumers.Queues, consumers));
        return this;
    }

    public FaultTargets Add(PoisonMarker marker)
    {
        ArgumentNullException.ThrowIfNull(marker);
        _registrations.Add(new Registration(k => k == FaultKind.PoisonMessage, marker.Knows, () => marker.Queues, marker));
        return this;
    }

    public IFaultTarget? Find(string target, FaultKind kind) =>
        _registrations.FirstOrDefault(r => r.Takes(kind) && r.Knows(target))?.Target;

    public IReadOnlyCollection<string> Known(FaultKind kind) =>
        [.. _registrations.Where(r => r.Takes(kind)).SelectMany(r => r.Names()).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];

    private FaultTargets Add(string serviceName, DependencyServer server)
    {
        _registrations.Add(new Registration(k => FaultNames.CategoryOf(k) == FaultCategory.Http, n => n == serviceName, () => [serviceName], server));
        return this;
    }

    private sealed record Registration(Func<FaultKind, bool> Takes, Func<string, bool> Knows, Func<IEnumerable<string>> Names, IFaultTarget Target);
}
