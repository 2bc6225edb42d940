using System.Text.Json;

namespace ResilienceLab.Infrastructure.Tests.Local.EventPatterns;

/// <summary>The rows of EventRulerCases.jsonc (aws/event-ruler's test assertions, as data), one theory row each.</summary>
public static class EventRulerCases
{
    private static readonly Lazy<JsonElement> Groups = new(Load);

    /// <summary>Source, pattern (JSON text), event (JSON text), expected match.</summary>
    public static TheoryData<string, string, string, bool> Matches()
    {
        var rows = new TheoryData<string, string, string, bool>();
        foreach (var group in Groups.Value.EnumerateArray())
        {
            var source = group.GetProperty("source").GetString()!;
            var row = 0;
            foreach (var (pattern, @event, expected) in MatchRows(group))
            {
                rows.Add($"{source} #{++row}", pattern, @event, expected);
            }
        }

        return rows;
    }

    /// <summary>Source and pattern (JSON text) of every pattern event-ruler accepts, including those of the match rows.</summary>
    public static TheoryData<string, string> ValidPatterns() => PatternList("valid", includeMatchRows: true);

    /// <summary>Source and pattern text of every pattern event-ruler rejects.</summary>
    public static TheoryData<string, string> InvalidPatterns() => PatternList("invalid", includeMatchRows: false);

    private static TheoryData<string, string> PatternList(string name, bool includeMatchRows)
    {
        var rows = new TheoryData<string, string>();
        foreach (var group in Groups.Value.EnumerateArray())
        {
            var source = group.GetProperty("source").GetString()!;
            var patterns = new List<string>();
            if (group.TryGetProperty(name, out var list))
            {
                patterns.AddRange(list.EnumerateArray().Select(Text));
            }

            if (includeMatchRows)
            {
                patterns.AddRange(MatchRows(group).Select(r => r.Pattern).Distinct(StringComparer.Ordinal));
            }

            var row = 0;
            foreach (var pattern in patterns)
            {
                rows.Add($"{source} {name} #{++row}", pattern);
            }
        }

        return rows;
    }

    private static IEnumerable<(string Pattern, string Event, bool Expected)> MatchRows(JsonElement group)
    {
        if (group.TryGetProperty("cases", out var cases))
        {
            foreach (var c in cases.EnumerateArray())
            {
                yield return (Text(c[0]), Text(c[1]), c[2].GetBoolean());
            }
        }

        if (group.TryGetProperty("patterns", out var patterns))
        {
            var @event = Text(group.GetProperty("event"));
            foreach (var p in patterns.EnumerateArray())
            {
                yield return (Text(p[0]), @event, p[1].GetBoolean());
            }
        }

        if (group.TryGetProperty("events", out var events))
        {
            var pattern = Text(group.GetProperty("pattern"));
            foreach (var e in events.EnumerateArray())
            {
                yield return (pattern, Text(e[0]), e[1].GetBoolean());
            }
        }
    }

    /// <summary>A string is raw JSON text (duplicate keys, or not JSON at all); anything else is taken as written.</summary>
    private static string Text(JsonElement element) =>
        element.ValueKind == JsonValueKind.String ? element.GetString()! : element.GetRawText();

    private static JsonElement Load()
    {
        using var stream = typeof(EventRulerCases).Assembly.GetManifestResourceStream("EventRulerCases.jsonc")
            ?? throw new InvalidOperationException("EventRulerCases.jsonc is not embedded in the test assembly.");
        using var document = JsonDocument.Parse(stream, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        return document.RootElement.Clone();
    }
}
