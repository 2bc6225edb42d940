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
}
