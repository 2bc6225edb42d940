using ResilienceLab.Stack.Ports;

namespace ResilienceLab.Chaos.Ports;

/// <summary>An <see cref="IEventBus"/> that lets the <see cref="ApiFaultInjector"/> delay or fail each PutEvents before delegating.</summary>
public sealed class FaultyEventBus : IEventBus
{
    private readonly IEventBus _inner;
    private readonly ApiFaultInjector _faults;

    /// <param name="inner">The bus adapter (local or aws).</param>
    /// <param name="faults">The run's injector.</param>
    /// <param name="target">The fault target name. <value>Default <see cref="ApiFaultInjector.EventBusTarget"/>.</value></param>
    public FaultyEventBus(IEventBus inner, ApiFaultInjector faults, string target = ApiFaultInjector.EventBusTarget)
    {
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentNullException.ThrowIfNull(faults);
        _inner = inner;
        _faults = faults;
        Target = target;
        faults.Register(Target);
    }

    public string Name => _inner.Name;

    public string Target { get; }

    public async ValueTask<PutEventsResult> PutEventsAsync(IReadOnlyList<EventEntry> entries, CancellationToken cancellationToken = default)
    {
        await _faults.BeforeCallAsync(Target, ApiOperations.PutEvents, cancellationToken).ConfigureAwait(false);
        return await _inner.PutEventsAsync(entries, cancellationToken).ConfigureAwait(false);
    }
}
