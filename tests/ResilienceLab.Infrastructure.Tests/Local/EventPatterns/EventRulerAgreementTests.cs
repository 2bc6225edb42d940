using ResilienceLab.Infrastructure.Local.EventPatterns;

namespace ResilienceLab.Infrastructure.Tests.Local.EventPatterns;

/// <summary>The pattern matcher and validator against aws/event-ruler's own test assertions (EventRulerCases.jsonc).</summary>
public sealed class EventRulerAgreementTests
{
    [Theory]
    [MemberData(nameof(EventRulerCases.Matches), MemberType = typeof(EventRulerCases))]
    public void Matches_EventRulerCase_AgreesWithEventRuler(string source, string pattern, string @event, bool expected)
    {
        var sut = EventPattern.Parse(pattern);

        Assert.True(expected == sut.Matches(@event), $"{source}: event-ruler says {(expected ? "match" : "no match")} for {pattern} on {@event}");
    }

    [Theory]
    [MemberData(nameof(EventRulerCases.ValidPatterns), MemberType = typeof(EventRulerCases))]
    public void Parse_PatternEventRulerAccepts_Succeeds(string source, string pattern)
    {
        var error = Record.Exception(() => EventPattern.Parse(pattern));

        Assert.True(error is null, $"{source}: event-ruler accepts {pattern}, but: {error?.Message}");
    }

    [Theory]
    [MemberData(nameof(EventRulerCases.InvalidPatterns), MemberType = typeof(EventRulerCases))]
    public void Parse_PatternEventRulerRejects_ThrowsOneLineReason(string source, string pattern)
    {
        var error = Assert.Throws<EventPatternException>(() => EventPattern.Parse(pattern));

        Assert.True(!error.Message.Contains('\n', StringComparison.Ordinal), $"{source}: the reason for {pattern} spans lines: {error.Message}");
    }
}
