using ResilienceLab.Reporting.Hypotheses;
using ResilienceLab.Reporting.Model;

namespace ResilienceLab.Reporting.Tests.Hypotheses;

public sealed class HarnessHealthPolicyTests
{
    private static readonly HarnessLimits Limits = new();

    [Fact]
    public void Assess_WithinEveryLimit_HasNoViolation()
    {
        var health = HarnessHealthPolicy.Assess("fault", Figures(), Limits, judged: true);

        Assert.Empty(health.Violations);
        Assert.True(health.Judged);
    }

    [Fact]
    public void Assess_LagOverItsLimit_NamesSignalWindowAndBothFigures()
    {
        var health = HarnessHealthPolicy.Assess("fault", Figures() with { ScheduleLagP99Ms = 38.2 }, Limits with { ScheduleLagP99Ms = 5 }, judged: true);

        var violation = Assert.Single(health.Violations);
        Assert.Equal("schedule_lag_p99_ms", violation.Signal);
        Assert.Equal("the harness fell behind in the fault window: schedule lag p99 38.2 ms, limit 5 ms", violation.Reason);
    }

    [Theory]
    [InlineData("dropped", "dropped 3 iterations")]
    [InlineData("thread_pool_queue", "5,000 work items queued")]
    [InlineData("gc_pause_ms", "250 ms of pauses")]
    [InlineData("cpu_percent", "97 % of all cores")]
    [InlineData("dependency_added_latency_p99_ms", "added 120 ms (p99)")]
    public void Assess_EachSignalOverItsLimit_IsReported(string signal, string words)
    {
        var figures = signal switch
        {
            "dropped" => Figures() with { Dropped = 3 },
            "thread_pool_queue" => Figures() with { ThreadPoolQueueMax = 5_000 },
            "gc_pause_ms" => Figures() with { GcPauseMsMax = 250 },
            "cpu_percent" => Figures() with { CpuPercentMean = 97 },
            _ => Figures() with { DependencyAddedLatencyP99Ms = 120 },
        };

        var violation = Assert.Single(HarnessHealthPolicy.Assess("post_fault", figures, Limits, judged: false).Violations);

        Assert.Equal(signal, violation.Signal);
        Assert.Contains(words, violation.Reason, StringComparison.Ordinal);
        Assert.Contains("post-fault window", violation.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Problems_OnlyJudgedWindowsCount()
    {
        var report = new HarnessHealthReport
        {
            Limits = Limits,
            Windows = new Dictionary<string, HarnessWindowHealth>
            {
                ["pre_fault"] = HarnessHealthPolicy.Assess("pre_fault", Figures() with { CpuPercentMean = 99 }, Limits, judged: false),
                ["fault"] = HarnessHealthPolicy.Assess("fault", Figures(), Limits, judged: true),
            },
        };

        Assert.True(report.Healthy);
        Assert.Empty(report.Problems);
    }

    [Fact]
    public void Assess_SignalNotMeasured_IsNoViolation()
    {
        var health = HarnessHealthPolicy.Assess("fault", new HarnessWindowHealth(), Limits, judged: true);

        Assert.Empty(health.Violations);
    }

    private static HarnessWindowHealth Figures() => new()
    {
        ScheduleLagP99Ms = 1.2,
        Dropped = 0,
        ThreadPoolQueueMax = 12,
        GcPauseMsMax = 3,
        CpuPercentMean = 20,
        DependencyAddedLatencyP99Ms = 0.8,
    };
}
