using ResilienceLab.Stack.Ports;

namespace ResilienceLab.Stack.Distributed;

/// <summary>What one view hands to one synchronisation with the table: the item it knows, what it counted since the last one, and what it wants.</summary>
internal sealed record BreakerSyncPlan
{
    /// <summary>The item as last seen; null until the table first answered (or after a refusal that did not return it).</summary>
    public BreakerItem? Item { get; init; }

    public long Failures { get; init; }

    public long Successes { get; init; }

    /// <summary>The latest failure counted, seconds since the epoch; null when none.</summary>
    public double? LastFailureTime { get; init; }

    /// <summary>This instance's failure contribution now: its run of failures since its last success, capped.</summary>
    public int Contribution { get; init; }

    public BreakerProposal? Proposal { get; init; }

    /// <summary>Identifies the proposal taken, so one made while the synchronisation ran is not lost.</summary>
    public long ProposalSequence { get; init; }

    /// <summary>Calls were refused since the last synchronisation and this instance holds no probe slot nor a probe in flight.</summary>
    public bool WantsProbe { get; init; }
}
