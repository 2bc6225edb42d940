using System.Text.Json;

namespace ResilienceLab.Infrastructure.Local.EventPatterns;

/// <summary>
/// An EventBridge event pattern, with the content filtering AWS documents: exact values (a match array means any of them),
/// <c>prefix</c>, <c>suffix</c>, <c>anything-but</c>, <c>numeric</c>, <c>exists</c>, <c>equals-ignore-case</c>,
/// <c>wildcard</c>, <c>cidr</c> and <c>$or</c>, over nested fields; an array in the event matches when one element does,
/// and a field the event lacks does not match (except <c>exists: false</c>).
/// </summary>
public sealed class EventPattern
{
    private readonly PatternNode root;

    private EventPattern(string json, PatternNode root)
    {
        Json = json;
        this.root = root;
    }

    /// <summary>The pattern as given.</summary>
    public string Json { get; }

    /// <summary>Parses and validates a pattern.</summary>
    /// <exception cref="EventPatternException">The pattern is not valid; the message says where and why.</exception>
    public static EventPattern Parse(string json) => new(json, EventPatternParser.Parse(json));

    /// <summary>Whether the event (a JSON object) matches; anything but an object does not.</summary>
    public bool Matches(JsonElement eventElement) =>
        eventElement.ValueKind == JsonValueKind.Object && root.Matches(eventElement);

    /// <summary>Whether the event (JSON text) matches.</summary>
    /// <exception cref="EventPatternException">The event is not valid JSON.</exception>
    public bool Matches(string eventJson)
    {
        using var document = ParseEvent(eventJson);
        return Matches(document.RootElement);
    }

    internal static JsonDocument ParseEvent(string eventJson)
    {
        ArgumentNullException.ThrowIfNull(eventJson);
        try
        {
            return JsonDocument.Parse(eventJson);
        }
        catch (JsonException exception)
        {
            throw new EventPatternException($"Event is not valid JSON: {exception.Message}", exception);
        }
    }

    public override string ToString() => Json;
}
