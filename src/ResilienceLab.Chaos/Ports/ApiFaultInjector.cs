using System.Collections.Concurrent;
using ResilienceLab.Chaos.Faults;
using ResilienceLab.Stack.Ports;
using ResilienceLab.Stack.Telemetry;

namespace ResilienceLab.Chaos.Ports;

/// <summary>
/// The API faults switched on right now, keyed by resource target name (a queue's or topic's logical name,
/// <see cref="EventBusTarget"/>, <see cref="BreakerTableTarget"/>). The port decorators call <see cref="BeforeCallAsync"/>
/// before every delegated call: a hit latency fault delays the call, a hit error fault fails it with the
/// <see cref="PortException"/> AWS FIS would cause. One injector serves every decorator of a run, local or aws target alike.
/// </summary>
public sealed class ApiFaultInjector : IFaultTarget
{
    /// <summary>Target name of the event bus.</summary>
    public const string EventBusTarget = "event-bus";

    /// <summary>Target name of the circuit-breaker table.</summary>
    public const string BreakerTableTarget = "breaker-table";

    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<string, byte> _resources = new(StringComparer.Ordinal);
    private readonly ActiveFaultSet _active = new();

    public ApiFaultInjector(TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        _time = timeProvider;
    }

    /// <summary>Resource target names registered (each decorator registers its own).</summary>
    public IReadOnlyCollection<string> Resources => [.. _resources.Keys.Order(StringComparer.Ordinal)];

    public void Register(string resource)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(resource);
        _resources.TryAdd(resource, 0);
    }

    public bool Knows(string resource) => _resources.ContainsKey(resource);

    /// <summary>Applies the faults active on <paramref name="resource"/> for <paramref name="operation"/>: delays, then throws for an error fault that hits.</summary>
    /// <exception cref="PortException">An error fault hit the call.</exception>
    public async ValueTask BeforeCallAsync(string resource, string operation, CancellationToken cancellationToken = default)
    {
        if (_active.IsEmpty)
        {
            return;
        }

        foreach (var fault in _active.On(resource))
        {
            if (!fault.Spec.AppliesTo(operation) || !fault.TryHit(out var hit))
            {
                continue;
            }

            StackActivities.FaultInjected(fault.Spec.Name, FaultNames.Of(fault.Spec.Kind), resource, operation);
            if (fault.Spec.Kind == FaultKind.ApiLatency)
            {
                await DelayAsync(hit.Delay, fault, cancellationToken).ConfigureAwait(false);
                continue;
            }

            throw Error(fault.Spec, operation);
        }
    }

    void IFaultTarget.Activate(ActiveFault fault) => _active.Add(fault);

    void IFaultTarget.Deactivate(ActiveFault fault) => _active.Remove(fault);

    /// <summary>The error AWS FIS's <c>inject-api-*-error</c> actions cause, as the port adapters report AWS errors.</summary>
    internal static PortException Error(FaultSpec spec, string operation) => spec.Kind switch
    {
        FaultKind.ApiThrottle => new PortException(operation, "ThrottlingException", $"Rate exceeded (injected fault {spec.Name})", isTransient: true),
        FaultKind.ApiUnavailable => new PortException(operation, "ServiceUnavailable", $"Service is unable to handle request (injected fault {spec.Name})", isTransient: true),
        _ => new PortException(operation, "InternalError", $"We encountered an internal error. Please try again. (injected fault {spec.Name})", isTransient: true),
    };

    private async ValueTask DelayAsync(TimeSpan delay, ActiveFault fault, CancellationToken cancellationToken)
    {
        if (delay <= TimeSpan.Zero)
        {
            return;
        }

        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, fault.Ended);
        try
        {
            await Task.Delay(delay, _time, linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // The fault was switched off: the call goes ahead now.
        }
    }
}
