namespace ResilienceLab.Stack.Discovery;

/// <summary>Service discovery by name: clients never hold hard-coded endpoints.</summary>
public interface IServiceRegistry
{
    /// <summary>The base endpoint registered for <paramref name="serviceName"/>; throws <see cref="KeyNotFoundException"/> naming it when none is.</summary>
    Uri Resolve(string serviceName);
}
