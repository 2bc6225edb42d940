namespace ResilienceLab.Load;

/// <summary>A live snapshot, reported about once a second: rate and p99 latency over the last interval, counts so far.</summary>
public sealed record LoadProgress(TimeSpan Elapsed, TimeSpan Total, double RequestsPerSecond, double P99Ms, long Ok, long Errors, long Dropped, int InFlight);
