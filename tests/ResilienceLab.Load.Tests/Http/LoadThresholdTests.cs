using ResilienceLab.Load.Http;

namespace ResilienceLab.Load.Tests.Http;

public sealed class LoadThresholdTests
{
    private static readonly LoadSummary Summary = new(100, 90, 10, 0, 50,
        new LatencyPercentiles(10, 20, 40, 60, 12, 100), new LatencyPercentiles(9, 19, 39, 59, 11, 100), new Dictionary<string, long> { ["timeout"] = 10 });

    [Theory]
    [InlineData("p99<50ms", "p99", "<", 50)]
    [InlineData(" p95 <= 0.2s ", "p95", "<=", 200)]
    [InlineData("mean<500us", "mean", "<", 0.5)]
    [InlineData("max<100", "max", "<", 100)]
    [InlineData("error_rate<0.01", "error_rate", "<", 0.01)]
    [InlineData("error_rate<=1%", "error_rate", "<=", 0.01)]
    [InlineData("rps>=100", "rps", ">=", 100)]
    public void TryParse_Valid_ReadsMetricOperatorAndLimit(string text, string metric, string op, double limit)
    {
        Assert.True(LoadThreshold.TryParse(text, out var threshold, out var error), error);

        Assert.Equal(metric, threshold!.Metric);
        Assert.Equal(op, threshold.Operator);
        Assert.Equal(limit, threshold.Limit, 9);
    }

    [Theory]
    [InlineData("p99")]
    [InlineData("p99 = 5ms")]
    [InlineData("p42<5ms")]
    [InlineData("p99<5%")]
    [InlineData("error_rate<5ms")]
    [InlineData("rps>1s")]
    [InlineData("p99<-5ms")]
    [InlineData("")]
    public void TryParse_Malformed_SaysWhatAThresholdLooksLike(string text)
    {
        Assert.False(LoadThreshold.TryParse(text, out _, out var error));

        Assert.False(string.IsNullOrEmpty(error));
    }

    [Theory]
    [InlineData("p99<50ms", true)]
    [InlineData("p99<40ms", false)]
    [InlineData("error_rate<0.2", true)]
    [InlineData("error_rate<0.05", false)]
    [InlineData("rps>=50", true)]
    [InlineData("rps>50", false)]
    public void Holds_AgainstASummary_JudgesTheExpression(string text, bool holds)
    {
        Assert.True(LoadThreshold.TryParse(text, out var threshold, out _));

        Assert.Equal(holds, threshold!.Holds(threshold.Observe(Summary)));
    }

    [Fact]
    public void Holds_NothingCompleted_IsNotHeld()
    {
        Assert.True(LoadThreshold.TryParse("p99<50ms", out var threshold, out _));
        var empty = Summary with { Ok = 0, Failed = 0 };

        Assert.False(threshold!.Holds(threshold.Observe(empty)));
    }
}
