using System.Text;

namespace ResilienceLab.Infrastructure.Local.EventPatterns;

/// <summary>
/// A <c>wildcard</c> filter: <c>*</c> matches any run of characters; <c>\*</c> and <c>\\</c> are a literal star and
/// backslash, and a backslash before anything else, two stars in a row or a trailing backslash make it invalid.
/// </summary>
internal sealed class WildcardPattern
{
    private readonly string[] segments;

    private WildcardPattern(string[] segments) => this.segments = segments;

    /// <summary>Splits the pattern on its unescaped stars; null, with <paramref name="problem"/> saying why, when it is invalid.</summary>
    public static WildcardPattern? Parse(string pattern, out string? problem)
    {
        problem = null;
        var parts = new List<string>();
        var current = new StringBuilder();
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c == '\\')
            {
                if (i + 1 >= pattern.Length || pattern[i + 1] is not ('*' or '\\'))
                {
                    problem = $"wildcard: the backslash at position {i} escapes neither '*' nor '\\'";
                    return null;
                }

                current.Append(pattern[++i]);
            }
            else if (c == '*')
            {
                if (i + 1 < pattern.Length && pattern[i + 1] == '*')
                {
                    problem = $"wildcard: consecutive '*' characters are not allowed (position {i})";
                    return null;
                }

                parts.Add(current.ToString());
                current.Clear();
            }
            else
            {
                current.Append(c);
            }
        }

        parts.Add(current.ToString());
        return new WildcardPattern([.. parts]);
    }

    public bool Matches(string value)
    {
        var first = segments[0];
        if (segments.Length == 1)
        {
            return string.Equals(value, first, StringComparison.Ordinal);
        }

        var last = segments[^1];
        if (first.Length + last.Length > value.Length
            || !value.StartsWith(first, StringComparison.Ordinal)
            || !value.EndsWith(last, StringComparison.Ordinal))
        {
            return false;
        }

        // Leftmost placement of each middle segment is enough when the only metacharacter is '*'.
        var position = first.Length;
        var end = value.Length - last.Length;
        for (var i = 1; i < segments.Length - 1; i++)
        {
            var found = value.IndexOf(segments[i], position, end - position, StringComparison.Ordinal);
            if (found < 0)
            {
                return false;
            }

            position = found + segments[i].Length;
        }

        return true;
    }
}
