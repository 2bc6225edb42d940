namespace ResilienceLab.Load.Tests;

public sealed class InputTextTests
{
    [Fact]
    public void Quote_LongText_QuotesAtMost80CharactersAndSaysTheLength()
    {
        var quoted = InputText.Quote(new string('x', 5000));

        Assert.StartsWith("'" + new string('x', 80) + "…", quoted, StringComparison.Ordinal);
        Assert.Contains("5000 characters", quoted, StringComparison.Ordinal);
        Assert.True(quoted.Length < 110, quoted);
    }

    [Theory]
    [InlineData("\u001b[31mred\u001b[0m", "\\u001b[31mred\\u001b[0m")]
    [InlineData("a\nb\rc\td", "a\\nb\\rc\\td")]
    [InlineData("\u009b2J", "\\u009b2J")]
    [InlineData("abc\u202edcba", "abc\\u202edcba")]
    [InlineData("plain text é", "plain text é")]
    public void Escape_ControlCharacters_AreWrittenAsEscapes(string text, string expected) =>
        Assert.Equal(expected, InputText.Escape(text));

    [Fact]
    public void Excerpt_CutInsideASurrogatePair_KeepsThePairWhole()
    {
        var text = new string('a', 79) + "😀" + new string('b', 10);

        var excerpt = InputText.Excerpt(text);

        Assert.StartsWith(new string('a', 79) + "…", excerpt, StringComparison.Ordinal);
    }
}
