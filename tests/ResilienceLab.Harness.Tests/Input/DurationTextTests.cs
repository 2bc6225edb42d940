using ResilienceLab.Harness.Input;

namespace ResilienceLab.Harness.Tests.Input;

public sealed class DurationTextTests
{
    [Theory]
    [InlineData("250ms", 250)]
    [InlineData("15s", 15_000)]
    [InlineData("2m", 120_000)]
    [InlineData("1.5s", 1_500)]
    [InlineData("3", 3_000)]
    public void TryParse_ValidText_GivesDuration(string text, double expectedMs)
    {
        Assert.True(DurationText.TryParse(text, out var duration));
        Assert.Equal(expectedMs, duration.TotalMilliseconds);
    }

    [Theory]
    [InlineData("")]
    [InlineData("fast")]
    [InlineData("-1s")]
    [InlineData("10x")]
    public void TryParse_InvalidText_Fails(string text) => Assert.False(DurationText.TryParse(text, out _));
}
