using System.Collections.Concurrent;

namespace ResilienceLab.Stack.Discovery;

/// <summary>An in-process registry; endpoints can be re-registered while a run goes (a dependency restarted elsewhere).</summary>
public sealed class ServiceRegistry : IServiceRegistry
{
    private readonly ConcurrentDictionary<string, Uri> _endpoints = new(StringComparer.Ordinal);

    public void Register(string serviceName, Uri endpoint) => _endpoints[serviceName] = endpoint;

    public Uri Resolve(string serviceName) =>
        _endpoints.TryGetValue(serviceName, out var endpoint)
            ? endpoint
            : throw new KeyNotFoundException($"No endpoint is registered for service '{serviceName}'.");

    public IReadOnlyDictionary<string, Uri> Snapshot() => new Dictionary<string, Uri>(_endpoints);
}
