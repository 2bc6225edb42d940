using ResilienceLab.Harness.GameDays;
using ResilienceLab.Tests.Shared;

namespace ResilienceLab.Harness.Tests.GameDays;

/// <summary>The game day's /metrics text: every family once with HELP and TYPE, and accepted by Prometheus' own checker.</summary>
public sealed class GameDayMetricsTests
{
    private static readonly GameDayMetrics Everything = new()
    {
        ElapsedSeconds = 42.5,
        Ok = 800,
        Errors = 12,
        Dropped = 1,
        WorkflowsPerSecond = 19.5,
        LatencyP99Ms = 250,
        InFlight = 3,
        Dependencies = [("inventory", 812, 0, 812, 0), ("payment", 812, 12, 840, 2), ("shipping", 800, 0, 800, null)],
        Queues = [("shipping-requests", 4, 1), ("workflow-events", 0, 0)],
        ActiveFaults = [("payment-http-error", "payment", "operator"), ("odd \"name\"\\", "shipping-requests", "schedule")],
    };

    [Fact]
    public void ToPrometheusText_EveryFamily_DeclaredOnceWithItsSamples()
    {
        var lines = Everything.ToPrometheusText().Split('\n', StringSplitOptions.RemoveEmptyEntries);

        var types = lines.Where(l => l.StartsWith("# TYPE ", StringComparison.Ordinal)).Select(l => l.Split(' ')[2]).ToList();
        Assert.Equal(types.Distinct(StringComparer.Ordinal), types);
        Assert.Equal(lines.Count(l => l.StartsWith("# HELP ", StringComparison.Ordinal)), types.Count);
        Assert.Contains("resilience_lab_workflows_total{outcome=\"ok\"} 800", lines);
        Assert.Contains("resilience_lab_workflow_latency_p99_seconds 0.25", lines);
        Assert.Contains("resilience_lab_dependency_attempts_total{service=\"payment\"} 840", lines);
        Assert.Contains("resilience_lab_breaker_state{service=\"payment\"} 2", lines);
        Assert.DoesNotContain(lines, l => l.StartsWith("resilience_lab_breaker_state{service=\"shipping\"}", StringComparison.Ordinal));
        Assert.Contains("resilience_lab_queue_depth{queue=\"shipping-requests\",state=\"visible\"} 4", lines);
        Assert.Contains("resilience_lab_active_faults 2", lines);
        Assert.Contains("resilience_lab_fault_active{fault=\"odd \\\"name\\\"\\\\\",target=\"shipping-requests\",source=\"schedule\"} 1", lines);
    }

    [PrometheusFact]
    public async Task ToPrometheusText_EveryFamily_PassesPromtoolCheckMetrics()
    {
        var (code, output) = await PrometheusServer.CheckMetricsAsync(Everything.ToPrometheusText());

        Assert.True(code == 0, output);
        Assert.Equal(string.Empty, output.Trim());
    }

    [PrometheusFact]
    public async Task ToPrometheusText_BeforeTheFirstSecond_PassesPromtoolCheckMetrics()
    {
        var (code, output) = await PrometheusServer.CheckMetricsAsync(new GameDayMetrics().ToPrometheusText());

        Assert.True(code == 0, output);
    }
}
