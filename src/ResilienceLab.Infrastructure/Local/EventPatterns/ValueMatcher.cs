using System.Net;
using System.Text.Json;

namespace ResilienceLab.Infrastructure.Local.EventPatterns;

/// <summary>One element of a pattern's match array: an exact value or a content filter, tested against one scalar of the event.</summary>
internal sealed class ValueMatcher
{
    private ValueMatcher(ValueMatcherKind kind) => Kind = kind;

    public ValueMatcherKind Kind { get; }

    public string? Text { get; private init; }

    public double Number { get; private init; }

    public bool Exists { get; private init; }

    public NumericRange? Range { get; private init; }

    public WildcardPattern? Wildcard { get; private init; }

    public IPNetwork Network { get; private init; }

    /// <summary>For <c>anything-but</c>: the values the event must not match.</summary>
    public IReadOnlyList<ValueMatcher> Excluded { get; private init; } = [];

    public static ValueMatcher ExactString(string text) => new(ValueMatcherKind.ExactString) { Text = text };

    public static ValueMatcher ExactNumber(double number) => new(ValueMatcherKind.ExactNumber) { Number = number };

    public static ValueMatcher Literal(ValueMatcherKind kind) => new(kind);

    public static ValueMatcher ForText(ValueMatcherKind kind, string text) => new(kind) { Text = text };

    public static ValueMatcher ForWildcard(WildcardPattern wildcard) => new(ValueMatcherKind.Wildcard) { Wildcard = wildcard };

    public static ValueMatcher ForNumeric(NumericRange range) => new(ValueMatcherKind.Numeric) { Range = range };

    public static ValueMatcher ForCidr(IPNetwork network) => new(ValueMatcherKind.Cidr) { Network = network };

    public static ValueMatcher ForExists(bool exists) => new(ValueMatcherKind.Exists) { Exists = exists };

    public static ValueMatcher AnythingBut(IReadOnlyList<ValueMatcher> excluded) => new(ValueMatcherKind.AnythingBut) { Excluded = excluded };

    /// <summary>Whether one scalar of the event (never an object or array) matches.</summary>
    public bool MatchesScalar(JsonElement value)
    {
        switch (Kind)
        {
            case ValueMatcherKind.ExactString:
                return value.ValueKind == JsonValueKind.String && value.ValueEquals(Text);
            case ValueMatcherKind.ExactNumber:
                return value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var number) && number == Number;
            case ValueMatcherKind.ExactTrue:
                return value.ValueKind == JsonValueKind.True;
            case ValueMatcherKind.ExactFalse:
                return value.ValueKind == JsonValueKind.False;
            case ValueMatcherKind.ExactNull:
                return value.ValueKind == JsonValueKind.Null;
            case ValueMatcherKind.Numeric:
                return value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var numeric) && Range!.Contains(numeric);
            case ValueMatcherKind.AnythingBut:
                foreach (var excluded in Excluded)
                {
                    if (excluded.MatchesScalar(value))
                    {
                        return false;
                    }
                }

                return true;
            case ValueMatcherKind.Exists:
                return false;
            default:
                return value.ValueKind == JsonValueKind.String && MatchesText(value.GetString()!);
        }
    }

    private bool MatchesText(string text) => Kind switch
    {
        ValueMatcherKind.Prefix => text.StartsWith(Text!, StringComparison.Ordinal),
        ValueMatcherKind.PrefixIgnoreCase => text.StartsWith(Text!, StringComparison.OrdinalIgnoreCase),
        ValueMatcherKind.Suffix => text.EndsWith(Text!, StringComparison.Ordinal),
        ValueMatcherKind.SuffixIgnoreCase => text.EndsWith(Text!, StringComparison.OrdinalIgnoreCase),
        ValueMatcherKind.EqualsIgnoreCase => string.Equals(text, Text, StringComparison.OrdinalIgnoreCase),
        ValueMatcherKind.Wildcard => Wildcard!.Matches(text),
        ValueMatcherKind.Cidr => IPAddress.TryParse(text, out var address) && Network.Contains(address),
        _ => false,
    };
}
