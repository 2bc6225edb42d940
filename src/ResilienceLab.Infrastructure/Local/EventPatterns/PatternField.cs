namespace ResilienceLab.Infrastructure.Local.EventPatterns;

/// <summary>One field of a pattern branch: its dotted path, the path's index in the pattern, and its match array (any of its matchers).</summary>
internal sealed class PatternField
{
    private readonly ValueMatcher[] matchers;

    public PatternField(string path, int index, IReadOnlyList<ValueMatcher> matchers)
    {
        Path = path;
        Index = index;
        this.matchers = [.. matchers];
        MatchesAbsence = matchers.Any(m => m.Kind == ValueMatcherKind.Absent);
    }

    public string Path { get; }

    /// <summary>The path's index among the pattern's distinct paths (see <see cref="EventLeaves.At"/>).</summary>
    public int Index { get; }

    /// <summary>Whether the array holds <c>{"exists": false}</c>, so a missing field matches.</summary>
    public bool MatchesAbsence { get; }

    public bool Matches(EventLeaf leaf)
    {
        foreach (var matcher in matchers)
        {
            if (matcher.Matches(leaf))
            {
                return true;
            }
        }

        return false;
    }
}
