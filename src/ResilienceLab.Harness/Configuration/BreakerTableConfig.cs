namespace ResilienceLab.Harness.Configuration;

/// <summary>
/// How services whose breaker keeps its state in the table (<c>circuit_breaker.shared_state: "table"</c>) share it
/// (<c>breaker_table</c>): how many instances must report failures before it opens, and how much one instance may add.
/// </summary>
/// <param name="FallbackToLocalState"><c>on_table_error</c>: <c>local_state</c> (default) keeps deciding from the instance's own breaker; <c>reject</c> fails calls, as the document does.</param>
public sealed record BreakerTableConfig(int MinInstancesToOpen = 1, int? MaxContributionPerInstance = null, bool FallbackToLocalState = true);
