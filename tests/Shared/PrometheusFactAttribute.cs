namespace ResilienceLab.Tests.Shared;

/// <summary>
/// A fact that needs Prometheus' own programs (Debian's <c>prometheus</c> package: prometheus and promtool). Skipped with
/// the reason when either is missing, unless RESILIENCELAB_REQUIRE_PROMETHEUS=1, in which case it runs and fails.
/// </summary>
public sealed class PrometheusFactAttribute : FactAttribute
{
    public PrometheusFactAttribute()
    {
        if (PrometheusServer.IsRequired)
        {
            return;
        }

        if (PrometheusServer.MissingPrerequisite() is { } reason)
        {
            Skip = reason + " (set RESILIENCELAB_REQUIRE_PROMETHEUS=1 to fail instead)";
        }
    }
}
