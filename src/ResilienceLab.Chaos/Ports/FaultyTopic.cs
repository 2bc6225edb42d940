using ResilienceLab.Stack.Ports;

namespace ResilienceLab.Chaos.Ports;

/// <summary>An <see cref="ITopic"/> that lets the <see cref="ApiFaultInjector"/> delay or fail each Publish before delegating.</summary>
public sealed class FaultyTopic : ITopic
{
    private readonly ITopic _inner;
    private readonly ApiFaultInjector _faults;

    /// <param name="inner">The topic adapter (local or aws).</param>
    /// <param name="faults">The run's injector.</param>
    /// <param name="target">The fault target name. <value>Default the topic's name.</value></param>
    public FaultyTopic(ITopic inner, ApiFaultInjector faults, string? target = null)
    {
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentNullException.ThrowIfNull(faults);
        _inner = inner;
        _faults = faults;
        Target = target ?? inner.Name;
        faults.Register(Target);
    }

    public string Name => _inner.Name;

    public string Target { get; }

    public async ValueTask<string> PublishAsync(string message, IReadOnlyDictionary<string, string>? attributes = null, CancellationToken cancellationToken = default)
    {
        await _faults.BeforeCallAsync(Target, ApiOperations.Publish, cancellationToken).ConfigureAwait(false);
        return await _inner.PublishAsync(message, attributes, cancellationToken).ConfigureAwait(false);
    }
}
