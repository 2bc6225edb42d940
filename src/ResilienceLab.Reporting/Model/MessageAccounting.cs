namespace ResilienceLab.Reporting.Model;

/// <summary>
/// Where every message went. <see cref="Lost"/> is computed: sent − processed − dead-lettered − in flight,
/// so a message that vanished shows up here rather than being assumed away.
/// </summary>
public sealed record MessageAccounting
{
    public long Sent { get; init; }

    public long Processed { get; init; }

    public long DeadLettered { get; init; }

    public long InFlight { get; init; }

    public long Lost => Math.Max(0, Sent - Processed - DeadLettered - InFlight);
}
