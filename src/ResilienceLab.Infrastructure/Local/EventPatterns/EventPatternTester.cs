using System.Text.Json;

namespace ResilienceLab.Infrastructure.Local.EventPatterns;

/// <summary>EventBridge's TestEventPattern, offline: does this event match this pattern.</summary>
public static class EventPatternTester
{
    /// <summary>True when <paramref name="eventJson"/> matches <paramref name="patternJson"/>.</summary>
    /// <exception cref="EventPatternException">The pattern is not valid, or the event is not a JSON object.</exception>
    public static bool Test(string patternJson, string eventJson)
    {
        var pattern = EventPattern.Parse(patternJson);
        using var document = EventPattern.ParseEvent(eventJson);
        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            throw new EventPatternException("Event must be a JSON object.");
        }

        return pattern.Matches(document.RootElement);
    }
}
