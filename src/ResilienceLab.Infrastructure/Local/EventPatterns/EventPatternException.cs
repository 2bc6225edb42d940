namespace ResilienceLab.Infrastructure.Local.EventPatterns;

/// <summary>An event pattern (or the event tested against it) is not valid; <see cref="Exception.Message"/> says where and why.</summary>
public sealed class EventPatternException : Exception
{
    public EventPatternException(string message)
        : base(message)
    {
    }

    public EventPatternException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public EventPatternException()
    {
    }

    /// <summary>A pattern that is valid JSON but not a valid pattern: the field path inside it and the reason.</summary>
    internal EventPatternException(string path, string reason)
        : base($"Event pattern is not valid at '{path}': {reason}.")
    {
        PatternPath = path;
        Reason = reason;
    }

    /// <summary>Where in the pattern the problem is (for example <c>detail.$or[1].size</c>, or <c>(root)</c>); null when the text is not JSON.</summary>
    public string? PatternPath { get; }

    /// <summary>The reason alone, without the path; null when the text is not JSON.</summary>
    public string? Reason { get; }
}
