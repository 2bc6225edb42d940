using ResilienceLab.Load;

namespace ResilienceLab.Load.Tests.Scheduler;

public class CopiesRampTests
{
    [Theory]
    [InlineData(0, 10, 10_000, 0, 0)]
    [InlineData(0, 10, 10_000, 499, 0)]
    [InlineData(0, 10, 10_000, 500, 1)]
    [InlineData(0, 10, 10_000, 1_500, 2)]
    [InlineData(0, 10, 10_000, 9_499, 9)]
    [InlineData(0, 10, 10_000, 9_500, 10)]
    [InlineData(0, 10, 10_000, 10_000, 10)]
    [InlineData(10, 0, 10_000, 0, 10)]
    [InlineData(10, 0, 10_000, 500, 9)]
    [InlineData(10, 0, 10_000, 9_600, 0)]
    [InlineData(5, 5, 1_000, 700, 5)]
    [InlineData(2, 4, 1_000, 250, 3)]
    public void CopiesAt_Offset_RoundsTheRampToTheNearestCopy(int from, int to, int duringMs, int offsetMs, int expected)
    {
        var sut = new CopiesRamp(from, to, TimeSpan.FromMilliseconds(duringMs));

        Assert.Equal(expected, sut.CopiesAt(TimeSpan.FromMilliseconds(offsetMs)));
    }

    [Theory]
    [InlineData(0, 10, 10_000, 0, 500)]
    [InlineData(0, 10, 10_000, 500, 1_500)]
    [InlineData(0, 10, 10_000, 8_600, 9_500)]
    [InlineData(0, 10, 10_000, 9_500, null)]
    [InlineData(10, 0, 10_000, 0, 500)]
    [InlineData(5, 5, 1_000, 0, null)]
    public void NextChangeAfter_Offset_IsTheNextHalfStep(int from, int to, int duringMs, int offsetMs, int? expectedMs)
    {
        var sut = new CopiesRamp(from, to, TimeSpan.FromMilliseconds(duringMs));

        var next = sut.NextChangeAfter(TimeSpan.FromMilliseconds(offsetMs));

        Assert.Equal(expectedMs is null ? null : TimeSpan.FromMilliseconds(expectedMs.Value), next);
    }
}
