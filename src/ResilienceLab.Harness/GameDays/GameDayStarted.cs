namespace ResilienceLab.Harness.GameDays;

/// <summary>What an operator needs once a game day is up: the control endpoint and its token, the metrics URL if any, and the control itself.</summary>
public sealed record GameDayStarted(Uri ControlUrl, string Token, Uri? MetricsUrl, TimeSpan Duration, IGameDayControl Control)
{
    /// <summary>The file the journal is appended to while the game day runs.</summary>
    public string? JournalFile { get; init; }
}
