using System.Text.Json;

namespace ResilienceLab.Infrastructure.Local.EventPatterns;

/// <summary>
/// An EventBridge event pattern, with the content filtering AWS documents: exact values (a match array means any of them),
/// <c>prefix</c>, <c>suffix</c>, <c>anything-but</c>, <c>numeric</c>, <c>exists</c>, <c>equals-ignore-case</c>,
/// <c>wildcard</c>, <c>cidr</c> and <c>$or</c>, over nested fields; an array in the event (nested arrays too) matches
/// when one element does, fields matched inside an array of objects must come from one element, and a field the event
/// lacks does not match (except <c>exists: false</c>). Validation and matching follow aws/event-ruler.
/// </summary>
public sealed class EventPattern
{
    private readonly PatternBranch[] branches;
    private readonly FieldPathNode paths;
    private readonly int fieldCount;

    private EventPattern(string json, IReadOnlyList<PatternBranch> branches)
    {
        Json = json;
        this.branches = [.. branches];
        var byIndex = branches.SelectMany(b => b.Fields).DistinctBy(f => f.Index).OrderBy(f => f.Index).Select(f => f.Path).ToList();
        fieldCount = byIndex.Count;
        paths = FieldPathNode.Build(byIndex);
    }

    /// <summary>The pattern as given.</summary>
    public string Json { get; }

    /// <summary>Parses and validates a pattern.</summary>
    /// <exception cref="EventPatternException">The pattern is not valid; the message says where and why.</exception>
    public static EventPattern Parse(string json) => new(json, EventPatternParser.Parse(json));

    /// <summary>Whether the event (a JSON object) matches; anything but an object does not.</summary>
    public bool Matches(JsonElement eventElement)
    {
        if (eventElement.ValueKind != JsonValueKind.Object)
        {
            return false;
        }

        var leaves = EventLeaves.Collect(eventElement, paths, fieldCount);
        foreach (var branch in branches)
        {
            if (branch.Matches(leaves))
            {
                return true;
            }
        }

        return false;
    }

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
