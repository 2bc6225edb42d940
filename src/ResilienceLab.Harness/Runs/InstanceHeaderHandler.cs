using System.Globalization;
using ResilienceLab.Chaos.Dependencies;

namespace ResilienceLab.Harness.Runs;

/// <summary>Names the calling stack instance on every request (<see cref="DependencyServer.InstanceHeader"/>), so a fault can hit one instance's calls and arrivals count per instance.</summary>
internal sealed class InstanceHeaderHandler(int instance) : DelegatingHandler
{
    private readonly string _value = instance.ToString(CultureInfo.InvariantCulture);

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Headers.TryAddWithoutValidation(DependencyServer.InstanceHeader, _value);
        return base.SendAsync(request, cancellationToken);
    }
}
