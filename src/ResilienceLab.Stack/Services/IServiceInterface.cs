using System.Text.Json.Nodes;

namespace ResilienceLab.Stack.Services;

/// <summary>The document's abstract service interface: callers depend on this, not on a transport.</summary>
public interface IServiceInterface
{
    string ServiceName { get; }

    /// <summary>Calls the service; throws <see cref="ServiceCallException"/> when it fails for good.</summary>
    ValueTask<ServiceResponse> CallAsync(JsonObject request, CancellationToken cancellationToken = default);

    /// <summary>Calls the service; a failure for good is returned, not thrown (cancellation still throws).</summary>
    async ValueTask<ServiceCallOutcome> TryCallAsync(JsonObject request, CancellationToken cancellationToken = default)
    {
        try
        {
            return ServiceCallOutcome.Succeeded(await CallAsync(request, cancellationToken).ConfigureAwait(false));
        }
        catch (ServiceCallException ex)
        {
            return ServiceCallOutcome.Failed(ex);
        }
    }

    ValueTask<bool> HealthCheckAsync(CancellationToken cancellationToken = default);
}
