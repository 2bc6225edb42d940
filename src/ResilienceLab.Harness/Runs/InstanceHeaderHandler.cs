using System.Globalization;
using ResilienceLab.Chaos.Dependencies;

namespace ResilienceLab.Harness.Runs;

/// <summary>
/// Names the calling stack instance on every request, by number (<see cref="DependencyServer.InstanceHeader"/>), so a
/// fault can hit one instance's calls, and by id (<see cref="DependencyServer.InstanceIdHeader"/>), so a dependency host
/// shared by several agents counts arrivals per instance.
/// </summary>
internal sealed class InstanceHeaderHandler(int instance, string instanceId) : DelegatingHandler
{
    private readonly string _value = instance.ToString(CultureInfo.InvariantCulture);

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Headers.TryAddWithoutValidation(DependencyServer.InstanceHeader, _value);
        request.Headers.TryAddWithoutValidation(DependencyServer.InstanceIdHeader, instanceId);
        return base.SendAsync(request, cancellationToken);
    }
}
