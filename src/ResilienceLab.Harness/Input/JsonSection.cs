using System.Globalization;
using System.Text.Json;
using ResilienceLab.Load;

namespace ResilienceLab.Harness.Input;

/// <summary>
/// Reads one JSON object of an input file field by field, recording a problem (with its path) for every missing,
/// mistyped, out-of-range or unknown field, and returning a usable default so reading goes on to find the rest.
/// </summary>
public sealed class JsonSection
{
    private readonly JsonElement _element;
    private readonly ProblemList _problems;
    private readonly HashSet<string> _read = new(StringComparer.Ordinal);

    public JsonSection(JsonElement element, string path, ProblemList problems)
    {
        _element = element;
        Path = path;
        _problems = problems;
    }

    public string Path { get; }

    public ProblemList Problems => _problems;

    public string FieldPath(string name) => string.IsNullOrEmpty(Path) ? name : $"{Path}.{name}";

    public bool Has(string name) => _element.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null;

    public string String(string name, string? defaultValue = null, bool required = false, IReadOnlyCollection<string>? allowed = null)
    {
        if (!TryGet(name, required, out var value))
        {
            return defaultValue ?? string.Empty;
        }

        if (value.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(value.GetString()))
        {
            _problems.Add(FieldPath(name), $"expected a non-empty string, found {Describe(value)}");
            return defaultValue ?? string.Empty;
        }

        var text = value.GetString()!;
        if (allowed is not null && !allowed.Contains(text))
        {
            _problems.Add(FieldPath(name), $"{InputText.Quote(text)} is not one of: {string.Join(", ", allowed)}");
            return defaultValue ?? string.Empty;
        }

        return text;
    }

    public string? OptionalString(string name) => Has(name) ? String(name) : null;

    public int Int(string name, int defaultValue, int min = int.MinValue, int max = int.MaxValue, bool required = false)
    {
        var value = Double(name, defaultValue, min, max, required);
        if (value != Math.Floor(value))
        {
            _problems.Add(FieldPath(name), $"expected a whole number, found {value.ToString(CultureInfo.InvariantCulture)}");
            return defaultValue;
        }

        return (int)value;
    }

    public double Double(string name, double defaultValue, double min = double.MinValue, double max = double.MaxValue, bool required = false)
    {
        if (!TryGet(name, required, out var value))
        {
            return defaultValue;
        }

        if (value.ValueKind != JsonValueKind.Number || !value.TryGetDouble(out var number))
        {
            _problems.Add(FieldPath(name), $"expected a number, found {Describe(value)}");
            return defaultValue;
        }

        if (number < min || number > max)
        {
            _problems.Add(FieldPath(name), $"{number.ToString(CultureInfo.InvariantCulture)} is out of range [{Bound(min)}, {Bound(max)}]");
            return defaultValue;
        }

        return number;
    }

    public bool Bool(string name, bool defaultValue)
    {
        if (!TryGet(name, false, out var value))
        {
            return defaultValue;
        }

        if (value.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
        {
            _problems.Add(FieldPath(name), $"expected true or false, found {Describe(value)}");
            return defaultValue;
        }

        return value.GetBoolean();
    }

    /// <summary>The longest duration an input may give; sums of many such (a load plan, a fault's end) stay far from overflowing.</summary>
    public static readonly TimeSpan MaxDuration = TimeSpan.FromDays(30);

    /// <summary>A duration written as text (<c>15s</c>, <c>250ms</c>) or a number of seconds, at most <see cref="MaxDuration"/>.</summary>
    public TimeSpan Duration(string name, TimeSpan defaultValue, bool required = false, TimeSpan? min = null)
    {
        if (!TryGet(name, required, out var value))
        {
            return defaultValue;
        }

        TimeSpan duration;
        if (value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var seconds) && seconds >= 0)
        {
            if (seconds > MaxDuration.TotalSeconds)
            {
                _problems.Add(FieldPath(name), $"{InputText.Excerpt(value.GetRawText())} seconds is longer than the maximum {DurationParser.Format(MaxDuration)}");
                return defaultValue;
            }

            duration = TimeSpan.FromSeconds(seconds);
        }
        else if (value.ValueKind != JsonValueKind.String || !DurationParser.TryParse(value.GetString()!, out duration, out _))
        {
            _problems.Add(FieldPath(name), $"expected a duration such as \"15s\", \"250ms\" or \"2m\", found {Describe(value)}");
            return defaultValue;
        }

        if (duration > MaxDuration)
        {
            _problems.Add(FieldPath(name), $"{DurationParser.Format(duration)} is longer than the maximum {DurationParser.Format(MaxDuration)}");
            return defaultValue;
        }

        if (min is { } floor && duration < floor)
        {
            _problems.Add(FieldPath(name), $"{DurationParser.Format(duration)} is shorter than the minimum {DurationParser.Format(floor)}");
            return defaultValue;
        }

        return duration;
    }

    public JsonSection? Object(string name, bool required = false)
    {
        if (!TryGet(name, required, out var value))
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            _problems.Add(FieldPath(name), $"expected an object, found {Describe(value)}");
            return null;
        }

        return new JsonSection(value, FieldPath(name), _problems);
    }

    public IReadOnlyList<JsonSection> Objects(string name, bool required = false)
    {
        var result = new List<JsonSection>();
        foreach (var (item, path) in Items(name, required))
        {
            if (item.ValueKind != JsonValueKind.Object)
            {
                _problems.Add(path, $"expected an object, found {Describe(item)}");
                continue;
            }

            result.Add(new JsonSection(item, path, _problems));
        }

        return result;
    }

    public IReadOnlyList<string> Strings(string name, bool required = false)
    {
        var result = new List<string>();
        foreach (var (item, path) in Items(name, required))
        {
            if (item.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(item.GetString()))
            {
                _problems.Add(path, $"expected a non-empty string, found {Describe(item)}");
                continue;
            }

            result.Add(item.GetString()!);
        }

        return result;
    }

    /// <summary>An array of whole numbers in [<paramref name="min"/>, <paramref name="max"/>], each problem at its index.</summary>
    public IReadOnlyList<int> Ints(string name, int min, int max, bool required = false)
    {
        var result = new List<int>();
        foreach (var (item, path) in Items(name, required))
        {
            if (item.ValueKind != JsonValueKind.Number || !item.TryGetInt32(out var value) || value < min || value > max)
            {
                _problems.Add(path, $"expected a whole number from {min} to {max}, found {Describe(item)}");
                continue;
            }

            result.Add(value);
        }

        return result;
    }

    /// <summary>The raw JSON of a field (for example an event pattern, or a request body).</summary>
    public JsonElement? Raw(string name, bool required = false) => TryGet(name, required, out var value) ? value.Clone() : null;

    /// <summary>Records every field of this object that was never read, suggesting the closest known name.</summary>
    public void RejectUnknownFields(params string[] alsoAllowed)
    {
        foreach (var property in _element.EnumerateObject())
        {
            if (_read.Contains(property.Name) || alsoAllowed.Contains(property.Name) || property.Name.StartsWith('$') || property.Name.StartsWith("//", StringComparison.Ordinal))
            {
                continue;
            }

            var known = _read.Concat(alsoAllowed).ToList();
            var suggestion = known.OrderBy(k => Distance(k, property.Name)).FirstOrDefault();
            var hint = suggestion is not null && Distance(suggestion, property.Name) <= Math.Max(2, suggestion.Length / 3) ? $" (did you mean '{suggestion}'?)" : string.Empty;
            _problems.Add(FieldPath(InputText.Excerpt(property.Name)), $"unknown field{hint}");
        }
    }

    /// <summary>Marks names as known without reading them (fields read through <see cref="Raw"/> elsewhere).</summary>
    public void Known(params string[] names)
    {
        foreach (var name in names)
        {
            _read.Add(name);
        }
    }

    private IEnumerable<(JsonElement Item, string Path)> Items(string name, bool required)
    {
        if (!TryGet(name, required, out var value))
        {
            yield break;
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            _problems.Add(FieldPath(name), $"expected an array, found {Describe(value)}");
            yield break;
        }

        var i = 0;
        foreach (var item in value.EnumerateArray())
        {
            yield return (item, $"{FieldPath(name)}[{i++}]");
        }
    }

    private bool TryGet(string name, bool required, out JsonElement value)
    {
        _read.Add(name);
        if (_element.TryGetProperty(name, out value) && value.ValueKind != JsonValueKind.Null)
        {
            return true;
        }

        if (required)
        {
            _problems.Add(FieldPath(name), "is required");
        }

        return false;
    }

    /// <summary>A value as a problem message shows it: a string in quotes, a number as written, "an array", "null".</summary>
    internal static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => $"\"{InputText.Excerpt(value.GetString())}\"",
        JsonValueKind.Number => InputText.Excerpt(value.GetRawText()),
        JsonValueKind.True or JsonValueKind.False => value.GetRawText(),
        JsonValueKind.Array => "an array",
        JsonValueKind.Object => "an object",
        _ => "null",
    };

    private static string Bound(double value) => value switch
    {
        double.MinValue or int.MinValue => "-inf",
        double.MaxValue or int.MaxValue => "inf",
        _ => value.ToString(CultureInfo.InvariantCulture),
    };

    private static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
            }
        }

        return d[a.Length, b.Length];
    }
}
