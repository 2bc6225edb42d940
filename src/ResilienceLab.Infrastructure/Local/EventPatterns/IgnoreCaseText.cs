namespace ResilienceLab.Infrastructure.Local.EventPatterns;

/// <summary>
/// Text for <c>equals-ignore-case</c> (alone or under <c>prefix</c>, <c>suffix</c>, <c>anything-but</c>): as event-ruler,
/// each character of the pattern matches its lower-case or its upper-case form, and either form may be more than one
/// character (ß matches ß or SS).
/// </summary>
internal sealed class IgnoreCaseText
{
    private readonly (string Lower, string Upper)[] forms;
    private readonly bool oneToOne;

    public IgnoreCaseText(string text)
    {
        forms = [.. text.Select(FullCaseMapping.Of)];
        oneToOne = forms.All(f => f.Lower.Length == 1 && f.Upper.Length == 1);
    }

    public bool EqualsText(string value) => oneToOne
        ? value.Length == forms.Length && SingleCharsMatchAt(value, 0)
        : MatchesForward(value, 0, 0, whole: true);

    public bool IsPrefixOf(string value) => oneToOne
        ? value.Length >= forms.Length && SingleCharsMatchAt(value, 0)
        : MatchesForward(value, 0, 0, whole: false);

    public bool IsSuffixOf(string value) => oneToOne
        ? value.Length >= forms.Length && SingleCharsMatchAt(value, value.Length - forms.Length)
        : MatchesBackward(value, forms.Length - 1, value.Length);

    private bool SingleCharsMatchAt(string value, int start)
    {
        for (var i = 0; i < forms.Length; i++)
        {
            var c = value[start + i];
            if (c != forms[i].Lower[0] && c != forms[i].Upper[0])
            {
                return false;
            }
        }

        return true;
    }

    private bool MatchesForward(string value, int form, int at, bool whole)
    {
        if (form == forms.Length)
        {
            return !whole || at == value.Length;
        }

        foreach (var candidate in (ReadOnlySpan<string>)[forms[form].Lower, forms[form].Upper])
        {
            if (value.AsSpan(at).StartsWith(candidate, StringComparison.Ordinal) && MatchesForward(value, form + 1, at + candidate.Length, whole))
            {
                return true;
            }
        }

        return false;
    }

    private bool MatchesBackward(string value, int form, int end)
    {
        if (form < 0)
        {
            return true;
        }

        foreach (var candidate in (ReadOnlySpan<string>)[forms[form].Lower, forms[form].Upper])
        {
            if (value.AsSpan(0, end).EndsWith(candidate, StringComparison.Ordinal) && MatchesBackward(value, form - 1, end - candidate.Length))
            {
                return true;
            }
        }

        return false;
    }
}
