namespace ResilienceLab.Stack.Distributed;

internal static class DistributedBreakerConstants
{
    public const string Closed = "CLOSED";
    public const string Open = "OPEN";
    public const string HalfOpen = "HALF_OPEN";

    // The document's reasons, word for word.
    public const string ReasonClosed = "Circuit is closed";
    public const string ReasonToHalfOpen = "Circuit transitioning to half-open";
    public const string ReasonOpen = "Circuit is open";
    public const string ReasonHalfOpenProbe = "Circuit is half-open, allowing test call";
    public const string ReasonHalfOpenLimit = "Circuit half-open limit exceeded";
    public const string ReasonUnknownState = "Unknown circuit state";

    public const string ReasonTableUnavailable = "table unavailable, using local state";
    public const string ReasonTableContention = "table write contention, using local state";
    public const string ReasonTableStale = "table view stale, using local state";

    public const int DefaultFailureThreshold = 5;
    public const int DefaultTimeoutSeconds = 60;
    public const int DefaultHalfOpenMaxCalls = 3;
    public const int DefaultMaxWriteAttempts = 10;
    public static readonly TimeSpan DefaultConflictBaseDelay = TimeSpan.FromMilliseconds(5);
    public static readonly TimeSpan DefaultConflictMaxDelay = TimeSpan.FromMilliseconds(200);

    // At most two table operations per refresh, so 200 ms keeps an instance at 10 a second per service.
    public static readonly TimeSpan DefaultRefreshInterval = TimeSpan.FromMilliseconds(500);
    public static readonly TimeSpan MinRefreshInterval = TimeSpan.FromMilliseconds(200);
    public static readonly TimeSpan MaxRefreshInterval = TimeSpan.FromSeconds(60);

    // A view not refreshed for this many intervals (the table hangs or crawls) is treated as a table failure.
    public const int StaleAfterIntervals = 3;
}
