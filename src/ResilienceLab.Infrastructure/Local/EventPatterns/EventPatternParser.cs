using System.Globalization;
using System.Net;
using System.Text.Json;

namespace ResilienceLab.Infrastructure.Local.EventPatterns;

/// <summary>Turns an EventBridge event pattern (JSON text) into a <see cref="PatternNode"/> tree, or says what is wrong and where.</summary>
internal static class EventPatternParser
{
    public static PatternNode Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException exception)
        {
            throw new EventPatternException($"Event pattern is not valid JSON: {exception.Message}", exception);
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw Invalid("(root)", $"an event pattern must be a JSON object, not {Describe(document.RootElement)}");
            }

            return ParseObject(document.RootElement, path: "");
        }
    }

    private static PatternNode ParseObject(JsonElement element, string path)
    {
        var fields = new List<PatternField>();
        List<PatternNode>? anyOf = null;
        foreach (var property in element.EnumerateObject())
        {
            var fieldPath = path.Length == 0 ? property.Name : $"{path}.{property.Name}";
            var value = property.Value;
            if (property.Name == "$or")
            {
                anyOf = ParseOr(value, fieldPath);
                continue;
            }

            switch (value.ValueKind)
            {
                case JsonValueKind.Object:
                    fields.Add(new PatternField(property.Name, ParseObject(value, fieldPath), null));
                    break;
                case JsonValueKind.Array:
                    fields.Add(new PatternField(property.Name, null, ParseMatchArray(value, fieldPath)));
                    break;
                default:
                    throw Invalid(fieldPath, $"match values must be in an array (for example [{value.GetRawText()}]), not {Describe(value)}");
            }
        }

        if (fields.Count == 0 && anyOf is null)
        {
            throw Invalid(path.Length == 0 ? "(root)" : path, "a pattern object must have at least one field");
        }

        return new PatternNode(fields, anyOf);
    }

    private static List<PatternNode> ParseOr(JsonElement value, string path)
    {
        if (value.ValueKind != JsonValueKind.Array || value.GetArrayLength() == 0)
        {
            throw Invalid(path, "$or: expected a non-empty array of pattern objects");
        }

        var branches = new List<PatternNode>();
        var index = 0;
        foreach (var branch in value.EnumerateArray())
        {
            if (branch.ValueKind != JsonValueKind.Object)
            {
                throw Invalid($"{path}[{index}]", $"$or: each branch must be a pattern object, not {Describe(branch)}");
            }

            branches.Add(ParseObject(branch, path[..^"$or".Length].TrimEnd('.')));
            index++;
        }

        return branches;
    }

    private static List<ValueMatcher> ParseMatchArray(JsonElement array, string path)
    {
        if (array.GetArrayLength() == 0)
        {
            throw Invalid(path, "the match array is empty (it could never match)");
        }

        var matchers = new List<ValueMatcher>();
        foreach (var element in array.EnumerateArray())
        {
            matchers.Add(element.ValueKind switch
            {
                JsonValueKind.Object => ParseOperator(element, path),
                JsonValueKind.Array => throw Invalid(path, "arrays inside a match array are not allowed"),
                _ => ParseLiteral(element),
            });
        }

        return matchers;
    }

    private static ValueMatcher ParseLiteral(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => ValueMatcher.ExactString(element.GetString()!),
        JsonValueKind.Number => ValueMatcher.ExactNumber(element.GetDouble()),
        JsonValueKind.True => ValueMatcher.Literal(ValueMatcherKind.ExactTrue),
        JsonValueKind.False => ValueMatcher.Literal(ValueMatcherKind.ExactFalse),
        _ => ValueMatcher.Literal(ValueMatcherKind.ExactNull),
    };

    private static ValueMatcher ParseOperator(JsonElement element, string path)
    {
        var properties = element.EnumerateObject().ToList();
        if (properties.Count != 1)
        {
            throw Invalid(path, $"a filter object must have exactly one operator, found {properties.Count}");
        }

        var name = properties[0].Name;
        var value = properties[0].Value;
        return name switch
        {
            "prefix" => ParseAffix(value, path, "prefix", ValueMatcherKind.Prefix, ValueMatcherKind.PrefixIgnoreCase),
            "suffix" => ParseAffix(value, path, "suffix", ValueMatcherKind.Suffix, ValueMatcherKind.SuffixIgnoreCase),
            "equals-ignore-case" => ValueMatcher.ForText(ValueMatcherKind.EqualsIgnoreCase, RequireString(value, path, "equals-ignore-case")),
            "wildcard" => ParseWildcard(value, path),
            "numeric" => ValueMatcher.ForNumeric(ParseNumeric(value, path)),
            "cidr" => ParseCidr(value, path),
            "exists" => value.ValueKind is JsonValueKind.True or JsonValueKind.False
                ? ValueMatcher.ForExists(value.ValueKind == JsonValueKind.True)
                : throw Invalid(path, $"exists: expected true or false, not {Describe(value)}"),
            "anything-but" => ParseAnythingBut(value, path),
            _ => throw Invalid(path, $"unknown operator '{name}' (expected prefix, suffix, anything-but, numeric, exists, equals-ignore-case, wildcard or cidr)"),
        };
    }

    private static ValueMatcher ParseAffix(JsonElement value, string path, string name, ValueMatcherKind kind, ValueMatcherKind ignoreCaseKind)
    {
        if (value.ValueKind == JsonValueKind.Object)
        {
            var properties = value.EnumerateObject().ToList();
            if (properties.Count == 1 && properties[0].Name == "equals-ignore-case")
            {
                return ValueMatcher.ForText(ignoreCaseKind, RequireString(properties[0].Value, path, $"{name}: equals-ignore-case"));
            }

            throw Invalid(path, $"{name}: expected a string or {{\"equals-ignore-case\": \"...\"}}");
        }

        return ValueMatcher.ForText(kind, RequireString(value, path, name));
    }

    private static ValueMatcher ParseWildcard(JsonElement value, string path)
    {
        var wildcard = WildcardPattern.Parse(RequireString(value, path, "wildcard"), out var problem);
        return problem is null ? ValueMatcher.ForWildcard(wildcard) : throw Invalid(path, problem);
    }

    private static ValueMatcher ParseCidr(JsonElement value, string path)
    {
        var text = RequireString(value, path, "cidr");
        return IPNetwork.TryParse(text, out var network)
            ? ValueMatcher.ForCidr(network)
            : throw Invalid(path, $"cidr: '{text}' is not a CIDR block such as 10.0.0.0/24");
    }

    private static NumericRange ParseNumeric(JsonElement value, string path)
    {
        if (value.ValueKind != JsonValueKind.Array || value.GetArrayLength() == 0)
        {
            throw Invalid(path, "numeric: expected an operator (an array such as [\">\", 0, \"<=\", 5])");
        }

        var items = value.EnumerateArray().ToList();
        double? lower = null, upper = null;
        bool lowerInclusive = false, upperInclusive = false, equals = false;
        for (var i = 0; i < items.Count; i += 2)
        {
            var op = items[i].ValueKind == JsonValueKind.String ? items[i].GetString() : null;
            if (op is not ("<" or "<=" or "=" or ">" or ">="))
            {
                throw Invalid(path, $"numeric: expected an operator (<, <=, =, >, >=), not {items[i].GetRawText()}");
            }

            if (i + 1 >= items.Count || items[i + 1].ValueKind != JsonValueKind.Number)
            {
                throw Invalid(path, $"numeric: expected a number after '{op}'");
            }

            var number = items[i + 1].GetDouble();
            if (equals || (op == "=" && i > 0))
            {
                throw Invalid(path, "numeric: '=' cannot be combined with another condition");
            }

            switch (op)
            {
                case "=":
                    equals = true;
                    (lower, lowerInclusive, upper, upperInclusive) = (number, true, number, true);
                    break;
                case ">" or ">=":
                    lower = lower is null ? number : throw Invalid(path, "numeric: more than one lower bound ('>' or '>=')");
                    lowerInclusive = op == ">=";
                    break;
                default:
                    upper = upper is null ? number : throw Invalid(path, "numeric: more than one upper bound ('<' or '<=')");
                    upperInclusive = op == "<=";
                    break;
            }
        }

        if (!equals && lower is { } low && upper is { } high && (low > high || (low == high && !(lowerInclusive && upperInclusive))))
        {
            throw Invalid(path, string.Create(CultureInfo.InvariantCulture, $"numeric: the range from {low} to {high} is empty"));
        }

        return new NumericRange(lower, lowerInclusive, upper, upperInclusive);
    }

    private static ValueMatcher ParseAnythingBut(JsonElement value, string path)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.String or JsonValueKind.Number:
                return ValueMatcher.AnythingBut([ParseLiteral(value)]);
            case JsonValueKind.Array:
                if (value.GetArrayLength() == 0)
                {
                    throw Invalid(path, "anything-but: the list is empty");
                }

                var excluded = new List<ValueMatcher>();
                foreach (var item in value.EnumerateArray())
                {
                    excluded.Add(item.ValueKind is JsonValueKind.String or JsonValueKind.Number
                        ? ParseLiteral(item)
                        : throw Invalid(path, $"anything-but: list items must be strings or numbers, not {Describe(item)}"));
                }

                return ValueMatcher.AnythingBut(excluded);
            case JsonValueKind.Object:
                var inner = ParseOperator(value, path);
                return inner.Kind is ValueMatcherKind.Prefix or ValueMatcherKind.Suffix or ValueMatcherKind.EqualsIgnoreCase or ValueMatcherKind.Wildcard
                    ? ValueMatcher.AnythingBut([inner])
                    : throw Invalid(path, "anything-but: only prefix, suffix, equals-ignore-case or wildcard may be nested in it");
            default:
                throw Invalid(path, $"anything-but: expected a string, a number, a list or a filter object, not {Describe(value)}");
        }
    }

    private static string RequireString(JsonElement value, string path, string name) =>
        value.ValueKind == JsonValueKind.String
            ? value.GetString()!
            : throw Invalid(path, $"{name}: expected a string, not {Describe(value)}");

    private static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "null",
    };

    private static EventPatternException Invalid(string path, string reason) => new($"Event pattern is not valid at '{path}': {reason}.");
}
