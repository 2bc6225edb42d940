using System.Globalization;
using System.Text;

namespace ResilienceLab.Load;

/// <summary>
/// Input as an error message shows it: at most <see cref="MaxQuotedLength"/> characters, control characters (and the
/// bidirectional overrides that reorder a terminal line) escaped, so a crafted file or option cannot drive the terminal.
/// </summary>
public static class InputText
{
    /// <summary>How much of a value a message quotes. <value>80 characters.</value></summary>
    public const int MaxQuotedLength = 80;

    /// <summary><paramref name="text"/> in single quotes, cut to <see cref="MaxQuotedLength"/> characters, control characters escaped.</summary>
    public static string Quote(string? text) => $"'{Excerpt(text)}'";

    /// <summary><paramref name="text"/> cut to <see cref="MaxQuotedLength"/> characters (an ellipsis and the length say so), control characters escaped.</summary>
    public static string Excerpt(string? text)
    {
        text ??= string.Empty;
        if (text.Length <= MaxQuotedLength)
        {
            return Escape(text);
        }

        var cut = char.IsHighSurrogate(text[MaxQuotedLength - 1]) ? MaxQuotedLength - 1 : MaxQuotedLength;
        return Escape(text[..cut]) + string.Create(CultureInfo.InvariantCulture, $"… ({text.Length} characters)");
    }

    /// <summary>Every control character of <paramref name="text"/> written as an escape (<c>\n</c>, <c>\u001b</c>); the rest unchanged.</summary>
    public static string Escape(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        if (!text.Any(NeedsEscape))
        {
            return text;
        }

        var escaped = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            _ = c switch
            {
                '\n' => escaped.Append("\\n"),
                '\r' => escaped.Append("\\r"),
                '\t' => escaped.Append("\\t"),
                _ when NeedsEscape(c) => escaped.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture)),
                _ => escaped.Append(c),
            };
        }

        return escaped.ToString();
    }

    private static bool NeedsEscape(char c) =>
        char.IsControl(c) || c is >= '\u202a' and <= '\u202e' or >= '\u2066' and <= '\u2069' or '\u200e' or '\u200f';
}
