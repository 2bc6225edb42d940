using ResilienceLab.Stack.Distributed;

namespace ResilienceLab.Harness.Configuration;

/// <summary>
/// How services whose breaker keeps its state in the table (<c>circuit_breaker.shared_state: "table"</c>) share it
/// (<c>breaker_table</c>): how many instances must report failures before it opens, how much one instance may add,
/// and how the table is used (<c>mode</c>, <c>refresh_interval_ms</c>).
/// </summary>
/// <param name="FallbackToLocalState"><c>on_table_error</c>: <c>local_state</c> (default) keeps deciding from the instance's own breaker; <c>reject</c> fails calls, as the document does.</param>
/// <param name="Mode"><c>mode</c>: <c>bounded</c> (default) or <c>per_call</c> (the document's read and read-modify-write on every call).</param>
/// <param name="RefreshInterval"><c>refresh_interval_ms</c>: bounded mode's refresh and flush interval (200 to 60000 ms); null for <see cref="DistributedBreakerOptions.DefaultRefreshInterval"/>.</param>
public sealed record BreakerTableConfig(
    int MinInstancesToOpen = 1,
    int? MaxContributionPerInstance = null,
    bool FallbackToLocalState = true,
    SharedBreakerMode Mode = SharedBreakerMode.Bounded,
    TimeSpan? RefreshInterval = null);
