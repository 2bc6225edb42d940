namespace ResilienceLab.Stack.Distributed;

/// <summary>
/// A state change an instance's view already made on what it saw itself (its breaker tripped with the quorum agreeing,
/// or its half-open probe ended) and that the next synchronisation writes to the table, unless the table moved on first.
/// </summary>
/// <param name="To">OPEN or CLOSED.</param>
/// <param name="At">When it happened, seconds since the epoch.</param>
/// <param name="Round">The table version of the half-open round a probe belonged to; 0 for an opening from CLOSED.</param>
/// <param name="Contribution">The instance's failure contribution when it opened: flushed until the opening is written, so a late success cannot undo it.</param>
internal sealed record BreakerProposal(string To, double At, long Round, int Contribution);
