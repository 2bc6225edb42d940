using System.Text.Json;

namespace ResilienceLab.Infrastructure.Local.EventPatterns;

/// <summary>A pattern object: every field must match, and when it has <c>$or</c>, at least one of those branches too.</summary>
internal sealed record PatternNode(IReadOnlyList<PatternField> Fields, IReadOnlyList<PatternNode>? AnyOf)
{
    /// <summary>Whether <paramref name="value"/> (an object, or anything else standing for "no fields") matches.</summary>
    public bool Matches(JsonElement value)
    {
        foreach (var field in Fields)
        {
            JsonElement fieldValue = default;
            var present = value.ValueKind == JsonValueKind.Object && value.TryGetProperty(field.Name, out fieldValue);

            var matched = field.Nested is { } nested
                ? MatchesNested(nested, fieldValue)
                : MatchesLeaf(field.Matchers!, present, fieldValue);
            if (!matched)
            {
                return false;
            }
        }

        if (AnyOf is null)
        {
            return true;
        }

        foreach (var branch in AnyOf)
        {
            if (branch.Matches(value))
            {
                return true;
            }
        }

        return false;
    }

    private static bool MatchesNested(PatternNode nested, JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.Array)
        {
            return nested.Matches(value);
        }

        // An array of objects matches when one of its elements does.
        foreach (var element in value.EnumerateArray())
        {
            if (nested.Matches(element))
            {
                return true;
            }
        }

        return value.GetArrayLength() == 0 && nested.Matches(default);
    }

    private static bool MatchesLeaf(IReadOnlyList<ValueMatcher> matchers, bool present, JsonElement value)
    {
        foreach (var matcher in matchers)
        {
            if (matcher.Kind == ValueMatcherKind.Exists)
            {
                if (matcher.Exists == IsLeafPresent(present, value))
                {
                    return true;
                }

                continue;
            }

            if (!present)
            {
                continue;
            }

            if (value.ValueKind == JsonValueKind.Array)
            {
                foreach (var element in value.EnumerateArray())
                {
                    if (IsScalar(element) && matcher.MatchesScalar(element))
                    {
                        return true;
                    }
                }
            }
            else if (IsScalar(value) && matcher.MatchesScalar(value))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary><c>exists</c> looks at leaves only: an object, or an empty array, is not a present leaf.</summary>
    private static bool IsLeafPresent(bool present, JsonElement value) =>
        present
        && value.ValueKind != JsonValueKind.Object
        && (value.ValueKind != JsonValueKind.Array || value.GetArrayLength() > 0);

    private static bool IsScalar(JsonElement value) => value.ValueKind is not (JsonValueKind.Object or JsonValueKind.Array or JsonValueKind.Undefined);
}
