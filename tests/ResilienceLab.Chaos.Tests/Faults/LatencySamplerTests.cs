using ResilienceLab.Chaos.Faults;

namespace ResilienceLab.Chaos.Tests.Faults;

public sealed class LatencySamplerTests
{
    [Fact]
    public void Lognormal_ManyDraws_MedianNearTheGivenMedianAndNeverAboveTheCap()
    {
        var random = new Random(7);
        var draws = Enumerable.Range(0, 10_001)
            .Select(_ => LatencySampler.Lognormal(random, TimeSpan.FromMilliseconds(100), 0.5, TimeSpan.FromMilliseconds(400)))
            .Order()
            .ToList();

        Assert.InRange(draws[5_000].TotalMilliseconds, 95, 105);
        Assert.All(draws, d => Assert.InRange(d, TimeSpan.Zero, TimeSpan.FromMilliseconds(400)));
        Assert.Contains(draws, d => d == TimeSpan.FromMilliseconds(400)); // e^(0.5·z) > 4 happens (z > 2.77)
    }

    [Fact]
    public void Lognormal_SameSeed_SameDraws()
    {
        var a = new Random(3);
        var b = new Random(3);

        for (var i = 0; i < 100; i++)
        {
            Assert.Equal(
                LatencySampler.Lognormal(a, TimeSpan.FromMilliseconds(50), 1.0, TimeSpan.FromSeconds(5)),
                LatencySampler.Lognormal(b, TimeSpan.FromMilliseconds(50), 1.0, TimeSpan.FromSeconds(5)));
        }
    }

    [Fact]
    public void Uniform_ManyDraws_StayWithinBoundsAndSpreadAcrossThem()
    {
        var random = new Random(11);
        var draws = Enumerable.Range(0, 1_000).Select(_ => LatencySampler.Uniform(random, TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(300))).ToList();

        Assert.All(draws, d => Assert.InRange(d.TotalMilliseconds, 100, 300));
        Assert.InRange(draws.Average(d => d.TotalMilliseconds), 190, 210);
    }

    [Theory]
    [InlineData(0, true)]
    [InlineData(1_999, true)]
    [InlineData(2_000, false)]
    [InlineData(3_999, false)]
    [InlineData(4_000, true)]
    [InlineData(6_500, false)]
    public void IsFlappingOn_PeriodOf4s_OnForTheFirstHalf(int milliseconds, bool on) =>
        Assert.Equal(on, ActiveFault.IsFlappingOn(TimeSpan.FromMilliseconds(milliseconds), TimeSpan.FromSeconds(4)));
}
