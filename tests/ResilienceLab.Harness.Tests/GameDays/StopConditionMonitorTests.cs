using ResilienceLab.Harness.GameDays;
using ResilienceLab.Reporting.Hypotheses;

namespace ResilienceLab.Harness.Tests.GameDays;

public sealed class StopConditionMonitorTests
{
    private static readonly StopCondition HealthyPath = new("healthy path errors", "dependency.inventory.error_rate", ComparisonOperator.GreaterThan, 0.05, TimeSpan.FromSeconds(3));
    private static readonly StopCondition P99 = new("latency_p99_ms", "latency_p99_ms", ComparisonOperator.GreaterThan, 2000, TimeSpan.Zero);

    public static TheoryData<double?[], int?> ErrorRateSamples => new()
    {
        // One sample a second; the index of the sample that trips (null: none).
        { [0.0, 0.0, 0.0, 0.0], null },
        { [0.1, 0.1, 0.1], 2 },
        { [0.1, 0.1, 0.0, 0.1, 0.1, 0.1], 5 },
        { [0.1, 0.1, null, 0.1, 0.1], null },
        { [0.05, 0.05, 0.05, 0.05], null },
        { [0.0, 0.2, 0.9, 0.06, 0.0], 3 },
    };

    [Theory]
    [MemberData(nameof(ErrorRateSamples))]
    public void Observe_ErrorRateSamples_TripsWhenHeldForItsDuration(double?[] samples, int? tripsAt)
    {
        var monitor = new StopConditionMonitor([HealthyPath]);

        int? tripped = null;
        for (var i = 0; i < samples.Length && tripped is null; i++)
        {
            var value = samples[i];
            if (monitor.Observe(TimeSpan.FromSeconds(i + 1), m => m == HealthyPath.Metric ? value : null) is { } trip)
            {
                tripped = i;
                Assert.Same(HealthyPath, trip.Condition);
                Assert.Equal(TimeSpan.FromSeconds(3), trip.HeldFor);
            }
        }

        Assert.Equal(tripsAt, tripped);
    }

    [Fact]
    public void Observe_NoDuration_TripsOnTheFirstCrossingSample()
    {
        var monitor = new StopConditionMonitor([HealthyPath, P99]);

        Assert.Null(monitor.Observe(TimeSpan.FromSeconds(1), m => m == "latency_p99_ms" ? 1999 : 0));
        var trip = monitor.Observe(TimeSpan.FromSeconds(2), m => m == "latency_p99_ms" ? 2500 : 0);

        Assert.NotNull(trip);
        Assert.Same(P99, trip.Condition);
        Assert.Equal(2500, trip.Observed);
        Assert.Contains("stop condition 'latency_p99_ms' tripped: latency_p99_ms > 2000 (observed 2500)", trip.Reason, StringComparison.Ordinal);
    }
}
