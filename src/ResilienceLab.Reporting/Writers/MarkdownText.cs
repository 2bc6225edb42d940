using System.Text;

namespace ResilienceLab.Reporting.Writers;

/// <summary>
/// Text from a run (names, labels, descriptions, values) as Markdown shows it literally: Markdown punctuation
/// backslash-escaped, HTML's <c>&lt;</c>, <c>&gt;</c> and <c>&amp;</c> as entities, line breaks as spaces, so a label such
/// as <c>&lt;script&gt;</c> or a check named <c>a | b</c> reads as written in a pull-request comment and breaks no table.
/// </summary>
public static class MarkdownText
{
    // Inline markup anywhere in a line; '-', '=' and "1." only start a list or heading, handled at the start.
    private const string Punctuation = "\\`*_{}[]()#+!|~";

    /// <summary><paramref name="text"/> escaped for Markdown text and table cells (null becomes empty).</summary>
    public static string Escape(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        var escaped = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            _ = c switch
            {
                '<' => escaped.Append("&lt;"),
                '>' => escaped.Append("&gt;"),
                '&' => escaped.Append("&amp;"),
                '\r' or '\n' or '\t' => escaped.Append(' '),
                _ when char.IsControl(c) => escaped.Append(' '),
                _ when Punctuation.Contains(c, StringComparison.Ordinal) => escaped.Append('\\').Append(c),
                _ => escaped.Append(c),
            };
        }

        if (escaped.Length > 0 && escaped[0] is '-' or '=')
        {
            escaped.Insert(0, '\\');
        }

        var digits = 0;
        while (digits < escaped.Length && char.IsAsciiDigit(escaped[digits]))
        {
            digits++;
        }

        if (digits > 0 && digits < escaped.Length && escaped[digits] == '.')
        {
            escaped.Insert(digits, '\\');
        }

        return escaped.ToString();
    }

    /// <summary><paramref name="text"/> as an inline code span: literal inside (no HTML), pipes escaped for tables, backticks and line breaks replaced.</summary>
    public static string Code(string? text)
    {
        var inner = new StringBuilder();
        foreach (var c in text ?? string.Empty)
        {
            _ = c switch
            {
                '`' => inner.Append('\''),
                '|' => inner.Append("\\|"),
                _ when char.IsControl(c) => inner.Append(' '),
                _ => inner.Append(c),
            };
        }

        return inner.Length == 0 ? string.Empty : $"`{inner}`";
    }

    /// <summary>A relative link target: each path segment percent-encoded.</summary>
    public static string Link(params string[] segments) => string.Join('/', segments.Select(Uri.EscapeDataString));
}
