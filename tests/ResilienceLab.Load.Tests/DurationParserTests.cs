using ResilienceLab.Load;

namespace ResilienceLab.Load.Tests;

public class DurationParserTests
{
    [Theory]
    [InlineData("10s", 10_000)]
    [InlineData("1m", 60_000)]
    [InlineData("500ms", 500)]
    [InlineData("1.5s", 1_500)]
    [InlineData("2h", 7_200_000)]
    [InlineData("1m30s", 90_000)]
    [InlineData(" 5S ", 5_000)]
    public void TryParse_ValidText_ReturnsDuration(string text, int expectedMs)
    {
        Assert.True(DurationParser.TryParse(text, out var duration, out var error));
        Assert.Equal(TimeSpan.FromMilliseconds(expectedMs), duration);
        Assert.Empty(error);
    }

    [Theory]
    [InlineData("")]
    [InlineData("10")]
    [InlineData("s")]
    [InlineData("10x")]
    [InlineData("-5s")]
    [InlineData("ten seconds")]
    [InlineData(null)]
    public void TryParse_InvalidText_ReturnsFalseWithReason(string? text)
    {
        Assert.False(DurationParser.TryParse(text, out _, out var error));
        Assert.NotEmpty(error);
    }

    [Theory]
    [InlineData(60_000, "1m")]
    [InlineData(1_500, "1.5s")]
    [InlineData(250, "250ms")]
    [InlineData(0, "0s")]
    [InlineData(7_200_000, "2h")]
    public void Format_Duration_IsShortest(int ms, string expected) =>
        Assert.Equal(expected, DurationParser.Format(TimeSpan.FromMilliseconds(ms)));
}
