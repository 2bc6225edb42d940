using System.Text.Json;

namespace ResilienceLab.Infrastructure.Local.EventPatterns;

/// <summary>
/// Turns an EventBridge event pattern (JSON text) into its branches, or says what is wrong and where. What it accepts
/// and rejects follows aws/event-ruler's JsonRuleCompiler, the pattern compiler behind EventBridge.
/// </summary>
internal static class EventPatternParser
{
    /// <summary>Names event-ruler reserves for operators; inside a <c>$or</c> branch they cannot be field names.</summary>
    private static readonly HashSet<string> ReservedInOr = new(StringComparer.Ordinal)
    {
        "exactly", "equals-ignore-case", "prefix", "suffix", "anything-but", "exists", "wildcard", "numeric", "cidr",
        "=", "<", "<=", ">", ">=", "regex", "not-wildcard", "not-equals-ignore-case", "date-after", "date-on-or-after",
        "date-before", "date-on-or-before", "in-date-range", "ip-address-in-range", "ip-address-not-in-range",
    };

    /// <summary>Parses and validates a pattern into its branches (one per combination of <c>$or</c> choices).</summary>
    public static IReadOnlyList<PatternBranch> Parse(string json)
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

            var branches = new List<Dictionary<string, List<ValueMatcher>>>();
            ParseObject(document.RootElement, new FieldPath("", ""), branches, insideOr: false);
            var indexes = new Dictionary<string, int>(StringComparer.Ordinal);
            return [.. branches.Select(b => new PatternBranch(b.Select(f => new PatternField(f.Key, IndexOf(f.Key), f.Value))))];

            // Branches share a field's index when they share its path, so the event is walked once per path.
            int IndexOf(string path) => indexes.TryGetValue(path, out var index) ? index : indexes[path] = indexes.Count;
        }
    }

    /// <summary>Adds the object's fields to every branch so far; a <c>$or</c> replaces each branch by one per choice.</summary>
    private static void ParseObject(JsonElement element, FieldPath path, List<Dictionary<string, List<ValueMatcher>>> branches, bool insideOr)
    {
        var any = false;
        foreach (var property in element.EnumerateObject())
        {
            any = true;
            if (property.Name == "$or")
            {
                ParseOr(property.Value, path, branches);
                continue;
            }

            var fieldPath = path.Child(property.Name);
            if (insideOr && ReservedInOr.Contains(property.Name))
            {
                throw Invalid(fieldPath.Display, $"'{property.Name}' is an operator name and cannot be a field inside $or");
            }

            switch (property.Value.ValueKind)
            {
                case JsonValueKind.Object:
                    ParseObject(property.Value, fieldPath, branches, insideOr);
                    break;
                case JsonValueKind.Array:
                    var matchers = ParseMatchArray(property.Value, fieldPath.Display);
                    if (branches.Count == 0)
                    {
                        branches.Add(new Dictionary<string, List<ValueMatcher>>(StringComparer.Ordinal));
                    }

                    // As event-ruler: a path given twice (duplicate key, or again inside $or) keeps the last match array.
                    foreach (var branch in branches)
                    {
                        branch[fieldPath.Key] = matchers;
                    }

                    break;
                default:
                    throw Invalid(fieldPath.Display, $"match values must be in an array (for example [{property.Value.GetRawText()}]), not {Describe(property.Value)}");
            }
        }

        if (!any)
        {
            throw Invalid(path.Display.Length == 0 ? "(root)" : path.Display, "a pattern object must have at least one field");
        }
    }

    private static void ParseOr(JsonElement value, FieldPath path, List<Dictionary<string, List<ValueMatcher>>> branches)
    {
        var orPath = path.Display.Length == 0 ? "$or" : $"{path.Display}.$or";
        if (value.ValueKind != JsonValueKind.Array)
        {
            throw Invalid(orPath, $"$or: expected an array of at least two pattern objects, not {Describe(value)}");
        }

        var before = branches.ToList();
        branches.Clear();
        var index = 0;
        foreach (var choice in value.EnumerateArray())
        {
            if (choice.ValueKind != JsonValueKind.Object)
            {
                throw Invalid($"{orPath}[{index}]", $"$or: each branch must be a pattern object, not {Describe(choice)}");
            }

            var forked = before.Count == 0
                ? [new Dictionary<string, List<ValueMatcher>>(StringComparer.Ordinal)]
                : before.Select(b => new Dictionary<string, List<ValueMatcher>>(b, StringComparer.Ordinal)).ToList();
            ParseObject(choice, path.InOr($"{orPath}[{index}]"), forked, insideOr: true);
            branches.AddRange(forked);
            index++;
        }

        if (index < 2)
        {
            throw Invalid(orPath, $"$or: expected an array of at least two pattern objects, found {index}");
        }
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
        // As event-ruler: a string that is an IP address matches that address however the event writes it.
        JsonValueKind.String => IpAddressText.TryParse(element.GetString()!, out var address)
            ? ValueMatcher.ExactAddress(element.GetString()!, address)
            : ValueMatcher.ExactString(element.GetString()!),
        JsonValueKind.Number => ValueMatcher.ExactNumber(element.GetRawText()),
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
            "exactly" => ValueMatcher.ExactString(RequireString(value, path, "exactly")),
            "wildcard" => ParseWildcard(RequireString(value, path, "wildcard"), path),
            "numeric" => ValueMatcher.ForNumeric(ParseNumeric(value, path)),
            "cidr" => ParseCidr(value, path),
            "exists" => value.ValueKind switch
            {
                JsonValueKind.True => ValueMatcher.Literal(ValueMatcherKind.Exists),
                JsonValueKind.False => ValueMatcher.Literal(ValueMatcherKind.Absent),
                _ => throw Invalid(path, $"exists: expected true or false, not {Describe(value)}"),
            },
            "anything-but" => ParseAnythingBut(value, path),
            _ => throw Invalid(path, $"unknown operator '{name}' (expected prefix, suffix, anything-but, numeric, exists, equals-ignore-case, wildcard, cidr or exactly)"),
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

    private static ValueMatcher ParseWildcard(string text, string path)
    {
        var wildcard = WildcardPattern.Parse(text, out var problem);
        return wildcard is not null ? ValueMatcher.ForWildcard(text, wildcard) : throw Invalid(path, problem!);
    }

    private static ValueMatcher ParseCidr(JsonElement value, string path)
    {
        var text = RequireString(value, path, "cidr");
        var cidr = CidrRange.Parse(text, out var problem);
        return cidr is not null ? ValueMatcher.ForCidr(text, cidr) : throw Invalid(path, problem!);
    }

    /// <summary>
    /// As event-ruler: <c>["=", n]</c>, <c>[">" or ">=", n]</c>, <c>["&lt;" or "&lt;=", n]</c>, or a lower bound then an
    /// upper bound, the lower strictly below the upper; every number exactly a double. EventBridge's user guide has
    /// described numeric matching as limited (±1.0e9, six decimal places); that was event-ruler's old number encoding,
    /// and its current tests accept the whole double range (1E-320, 5E11), so no narrower limit is applied here.
    /// </summary>
    private static NumericRange ParseNumeric(JsonElement value, string path)
    {
        if (value.ValueKind != JsonValueKind.Array)
        {
            throw Invalid(path, $"numeric: expected an array such as [\">\", 0, \"<=\", 5], not {Describe(value)}");
        }

        var items = value.EnumerateArray().ToList();
        var (op, number) = ReadCondition(items, 0, path);
        switch (op)
        {
            case "=":
                RequireEnd(items, 2, path, "numeric: '=' cannot be combined with another condition");
                return new NumericRange(number, true, number, true);
            case "<" or "<=":
                RequireEnd(items, 2, path, "numeric: an upper bound ('<' or '<=') must come last, after any lower bound");
                return new NumericRange(null, false, number, op == "<=");
        }

        if (items.Count == 2)
        {
            return new NumericRange(number, op == ">=", null, false);
        }

        var (upperOp, upper) = ReadCondition(items, 2, path);
        switch (upperOp)
        {
            case ">" or ">=":
                throw Invalid(path, "numeric: more than one lower bound ('>' or '>=')");
            case "=":
                throw Invalid(path, "numeric: '=' cannot be combined with another condition");
        }

        RequireEnd(items, 4, path, "numeric: too many elements (at most a lower and an upper bound)");
        if (number >= upper)
        {
            throw Invalid(path, $"numeric: the range from {items[1].GetRawText()} to {items[3].GetRawText()} is empty (the lower bound must be below the upper)");
        }

        return new NumericRange(number, op == ">=", upper, upperOp == "<=");
    }

    private static (string Op, double Number) ReadCondition(List<JsonElement> items, int at, string path)
    {
        var op = at < items.Count && items[at].ValueKind == JsonValueKind.String ? items[at].GetString() : null;
        if (op is not ("<" or "<=" or "=" or ">" or ">="))
        {
            var found = at < items.Count ? items[at].GetRawText() : "nothing";
            throw Invalid(path, $"numeric: expected an operator (<, <=, =, >, >=), not {found}");
        }

        if (at + 1 >= items.Count || items[at + 1].ValueKind != JsonValueKind.Number)
        {
            throw Invalid(path, $"numeric: expected a number after '{op}'");
        }

        return (op, RequireComparable(items[at + 1], path, "numeric"));
    }

    private static void RequireEnd(List<JsonElement> items, int count, string path, string reason)
    {
        if (items.Count > count)
        {
            throw Invalid(path, reason);
        }
    }

    private static double RequireComparable(JsonElement number, string path, string name) =>
        JsonNumberText.TryGetComparable(number.GetRawText(), out var value)
            ? value
            : throw Invalid(path, $"{name}: {number.GetRawText()} is not a number a double holds exactly (out of range, or more digits than a double keeps)");

    private static ValueMatcher ParseAnythingBut(JsonElement value, string path)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.String:
                return ValueMatcher.AnythingBut([ValueMatcher.ExactString(value.GetString()!)]);
            case JsonValueKind.Number:
                _ = RequireComparable(value, path, "anything-but");
                return ValueMatcher.AnythingBut([ValueMatcher.ExactNumber(value.GetRawText())]);
            case JsonValueKind.Array:
                return ValueMatcher.AnythingBut(ParseAnythingButList(value, path));
            case JsonValueKind.Object:
                return ValueMatcher.AnythingBut(ParseAnythingButFilter(value, path));
            default:
                throw Invalid(path, $"anything-but: expected a string, a number, a list or a filter object, not {Describe(value)}");
        }
    }

    /// <summary>A list of strings or of numbers, not both (as EventBridge documents and event-ruler enforces).</summary>
    private static List<ValueMatcher> ParseAnythingButList(JsonElement list, string path)
    {
        if (list.GetArrayLength() == 0)
        {
            throw Invalid(path, "anything-but: the list is empty");
        }

        var excluded = new List<ValueMatcher>();
        bool strings = false, numbers = false;
        foreach (var item in list.EnumerateArray())
        {
            switch (item.ValueKind)
            {
                case JsonValueKind.String:
                    strings = true;
                    excluded.Add(ValueMatcher.ExactString(item.GetString()!));
                    break;
                case JsonValueKind.Number:
                    numbers = true;
                    _ = RequireComparable(item, path, "anything-but");
                    excluded.Add(ValueMatcher.ExactNumber(item.GetRawText()));
                    break;
                default:
                    throw Invalid(path, $"anything-but: list items must be strings or numbers, not {Describe(item)}");
            }
        }

        return strings && numbers
            ? throw Invalid(path, "anything-but: the list mixes strings and numbers (it must hold only one kind)")
            : excluded;
    }

    /// <summary><c>{"prefix" | "suffix" | "equals-ignore-case" | "wildcard": a string or a list of strings}</c>.</summary>
    private static List<ValueMatcher> ParseAnythingButFilter(JsonElement filter, string path)
    {
        var properties = filter.EnumerateObject().ToList();
        if (properties.Count != 1)
        {
            throw Invalid(path, $"anything-but: a nested filter object must have exactly one operator, found {properties.Count}");
        }

        var name = properties[0].Name;
        if (name is not ("prefix" or "suffix" or "equals-ignore-case" or "wildcard"))
        {
            throw Invalid(path, "anything-but: only prefix, suffix, equals-ignore-case or wildcard may be nested in it");
        }

        var value = properties[0].Value;
        IEnumerable<JsonElement> items = value.ValueKind == JsonValueKind.Array ? value.EnumerateArray() : [value];
        var excluded = new List<ValueMatcher>();
        foreach (var item in items)
        {
            var text = item.ValueKind == JsonValueKind.String
                ? item.GetString()!
                : throw Invalid(path, $"anything-but: {name} values must be strings, not {Describe(item)}");
            excluded.Add(name switch
            {
                "prefix" or "suffix" when text.Length == 0 => throw Invalid(path, $"anything-but: an empty {name} is not allowed"),
                "prefix" => ValueMatcher.ForText(ValueMatcherKind.Prefix, text),
                "suffix" => ValueMatcher.ForText(ValueMatcherKind.Suffix, text),
                "equals-ignore-case" => ValueMatcher.ForText(ValueMatcherKind.EqualsIgnoreCase, text),
                _ => ParseWildcard(text, path),
            });
        }

        return excluded;
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

    private static EventPatternException Invalid(string path, string reason) => new(path, reason);

    /// <summary>A field's dotted path as matched against the event (<see cref="Key"/>) and as shown in messages, with $or choices.</summary>
    private readonly record struct FieldPath(string Key, string Display)
    {
        public FieldPath Child(string name) => new(
            Key.Length == 0 ? name : $"{Key}.{name}",
            Display.Length == 0 ? name : $"{Display}.{name}");

        public FieldPath InOr(string display) => this with { Display = display };
    }
}
