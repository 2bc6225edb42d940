namespace ResilienceLab.Stack.Breaker;

internal static class CircuitBreakerConstants
{
    public const int DefaultFailureThreshold = 5;
    public const int DefaultHalfOpenMaxCalls = 3;
    public static readonly TimeSpan DefaultBreakDuration = TimeSpan.FromSeconds(60);

    public const string ReasonOpen = "circuit_open";
    public const string ReasonHalfOpenLimit = "half_open_limit";
}
