namespace ResilienceLab.Stack.Events;

/// <summary>
/// What happened to the events a service published, for reports. Every publish ends in exactly one of
/// <see cref="Published"/> (delivered at once), <see cref="Buffered"/> (kept in the outbox) or <see cref="Dropped"/>
/// (outbox full); every buffered event is either still <see cref="Pending"/> or <see cref="DeliveredLate"/>.
/// </summary>
public readonly record struct OutboxStats(long Published, long Buffered, int Pending, long DeliveredLate, long Dropped)
{
    /// <summary>Events lost for good: only those dropped because the outbox was full.</summary>
    public long Lost => Dropped;
}
