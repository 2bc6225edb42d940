using System.Text.Json;

namespace ResilienceLab.Infrastructure.Local.EventPatterns;

/// <summary>One element of a pattern's match array: an exact value or a content filter, tested against one leaf of the event.</summary>
internal sealed class ValueMatcher
{
    private ValueMatcher(ValueMatcherKind kind) => Kind = kind;

    public ValueMatcherKind Kind { get; }

    /// <summary>The string to compare, or a number as written in the pattern.</summary>
    public string? Text { get; private init; }

    /// <summary>For an exact number: whether it is exactly a double, so compared by value rather than by text.</summary>
    public bool IsComparable { get; private init; }

    public double Number { get; private init; }

    public IgnoreCaseText? IgnoreCase { get; private init; }

    public NumericRange? Range { get; private init; }

    public WildcardPattern? Wildcard { get; private init; }

    public CidrRange? Cidr { get; private init; }

    public byte[]? Address { get; private init; }

    /// <summary>For <c>anything-but</c>: the values the leaf must not match.</summary>
    public ValueMatcher[] Excluded { get; private init; } = [];

    public static ValueMatcher ExactString(string text) => new(ValueMatcherKind.ExactString) { Text = text };

    /// <summary>An exact string that is an IP address: as event-ruler, it matches the same address however it is written.</summary>
    public static ValueMatcher ExactAddress(string text, byte[] address) => new(ValueMatcherKind.ExactAddress) { Text = text, Address = address };

    public static ValueMatcher ExactNumber(string text)
    {
        var comparable = JsonNumberText.TryGetComparable(text, out var number);
        return new(ValueMatcherKind.ExactNumber) { Text = text, IsComparable = comparable, Number = number };
    }

    public static ValueMatcher Literal(ValueMatcherKind kind) => new(kind);

    public static ValueMatcher ForText(ValueMatcherKind kind, string text) => kind is ValueMatcherKind.PrefixIgnoreCase or ValueMatcherKind.SuffixIgnoreCase or ValueMatcherKind.EqualsIgnoreCase
        ? new(kind) { Text = text, IgnoreCase = new IgnoreCaseText(text) }
        : new(kind) { Text = text };

    public static ValueMatcher ForWildcard(string text, WildcardPattern wildcard) => new(ValueMatcherKind.Wildcard) { Text = text, Wildcard = wildcard };

    public static ValueMatcher ForNumeric(NumericRange range) => new(ValueMatcherKind.Numeric) { Range = range };

    public static ValueMatcher ForCidr(string text, CidrRange cidr) => new(ValueMatcherKind.Cidr) { Text = text, Cidr = cidr };

    public static ValueMatcher AnythingBut(IReadOnlyList<ValueMatcher> excluded) => new(ValueMatcherKind.AnythingBut) { Excluded = [.. excluded] };

    /// <summary>Whether one leaf of the event matches; never true for <see cref="ValueMatcherKind.Absent"/>, which is about no leaf.</summary>
    public bool Matches(EventLeaf leaf)
    {
        switch (Kind)
        {
            case ValueMatcherKind.Exists:
                return true;
            case ValueMatcherKind.Absent:
                return false;
            case ValueMatcherKind.ExactTrue:
                return leaf.Kind == JsonValueKind.True;
            case ValueMatcherKind.ExactFalse:
                return leaf.Kind == JsonValueKind.False;
            case ValueMatcherKind.ExactNull:
                return leaf.Kind == JsonValueKind.Null;
            case ValueMatcherKind.ExactNumber:
                // A number that is exactly a double compares by value (3 matches 3.0 and 3e0); any other by its text.
                return leaf.Kind == JsonValueKind.Number
                    && (IsComparable ? leaf.IsComparable && leaf.Number == Number : !leaf.IsComparable && string.Equals(leaf.Text, Text, StringComparison.Ordinal));
            case ValueMatcherKind.ExactString:
                return leaf.Kind == JsonValueKind.String && leaf.Value.ValueEquals(Text);
            case ValueMatcherKind.Numeric:
                return leaf.Kind == JsonValueKind.Number && leaf.IsComparable && Range!.Contains(leaf.Number);
            case ValueMatcherKind.ExactAddress:
                return leaf.Address is { } address && address.AsSpan().SequenceEqual(Address);
            case ValueMatcherKind.Cidr:
                return leaf.Address is { } inBlock && Cidr!.Contains(inBlock);
            case ValueMatcherKind.AnythingBut:
                // Anything but: any leaf, of any type, that none of the excluded values match.
                foreach (var excluded in Excluded)
                {
                    if (excluded.Matches(leaf))
                    {
                        return false;
                    }
                }

                return true;
            default:
                return leaf.Kind == JsonValueKind.String && MatchesText(leaf.Text!);
        }
    }

    private bool MatchesText(string text) => Kind switch
    {
        ValueMatcherKind.Prefix => text.StartsWith(Text!, StringComparison.Ordinal),
        ValueMatcherKind.PrefixIgnoreCase => IgnoreCase!.IsPrefixOf(text),
        ValueMatcherKind.Suffix => text.EndsWith(Text!, StringComparison.Ordinal),
        ValueMatcherKind.SuffixIgnoreCase => IgnoreCase!.IsSuffixOf(text),
        ValueMatcherKind.EqualsIgnoreCase => IgnoreCase!.EqualsText(text),
        ValueMatcherKind.Wildcard => Wildcard!.Matches(text),
        _ => false,
    };
}
