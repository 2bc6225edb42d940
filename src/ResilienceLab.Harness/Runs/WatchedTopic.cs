using ResilienceLab.Stack.Ports;

namespace ResilienceLab.Harness.Runs;

/// <summary>A topic whose calls <see cref="InfrastructureWatch"/> watches for an endpoint that stopped answering.</summary>
internal sealed class WatchedTopic(ITopic inner, InfrastructureWatch watch, string endpoint) : ITopic
{
    public string Name => inner.Name;

    public ValueTask<string> PublishAsync(string message, IReadOnlyDictionary<string, string>? attributes = null, CancellationToken cancellationToken = default) =>
        watch.CallAsync(endpoint, () => inner.PublishAsync(message, attributes, cancellationToken));
}
