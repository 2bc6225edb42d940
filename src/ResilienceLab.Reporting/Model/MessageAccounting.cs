namespace ResilienceLab.Reporting.Model;

/// <summary>
/// Where a channel's messages went, by identity: every message the run sent carries the run's id and its own, so
/// <see cref="Lost"/> counts messages sent and found nowhere (not processed, not dead-lettered, not in flight) and is
/// never offset by <see cref="Duplicates"/> (deliveries processed more than once). <see cref="Unknown"/> says why the
/// figures are incomplete (a queue or dead-letter queue that could not be read); then nothing here is judged.
/// </summary>
public sealed record MessageAccounting
{
    public long Sent { get; init; }

    public long Processed { get; init; }

    /// <summary>Processings beyond the first of a message (at-least-once delivery made visible).</summary>
    public long Duplicates { get; init; }

    public long DeadLettered { get; init; }

    /// <summary>Still in a queue, held by a consumer, or waiting in a producer's outbox.</summary>
    public long InFlight { get; init; }

    public long Lost { get; init; }

    /// <summary>Messages a <c>poison_message</c> fault marked.</summary>
    public long Poison { get; init; }

    /// <summary>Marked messages not found in a dead-letter queue.</summary>
    public long PoisonNotDeadLettered { get; init; }

    /// <summary>Dead-lettered messages that were not marked poison.</summary>
    public long DeadLetteredNotPoison { get; init; }

    /// <summary>Why the accounting is incomplete, or null when every figure was read. <value>Default null.</value></summary>
    public string? Unknown { get; init; }

    /// <summary>The channels added up; unknown when any of them is.</summary>
    public static MessageAccounting Total(IEnumerable<MessageAccounting> channels)
    {
        ArgumentNullException.ThrowIfNull(channels);
        var all = channels.ToList();
        var unknown = all.Select(c => c.Unknown).Where(u => u is not null).ToList();
        return new MessageAccounting
        {
            Sent = all.Sum(c => c.Sent),
            Processed = all.Sum(c => c.Processed),
            Duplicates = all.Sum(c => c.Duplicates),
            DeadLettered = all.Sum(c => c.DeadLettered),
            InFlight = all.Sum(c => c.InFlight),
            Lost = all.Sum(c => c.Lost),
            Poison = all.Sum(c => c.Poison),
            PoisonNotDeadLettered = all.Sum(c => c.PoisonNotDeadLettered),
            DeadLetteredNotPoison = all.Sum(c => c.DeadLetteredNotPoison),
            Unknown = unknown.Count == 0 ? null : string.Join("; ", unknown),
        };
    }
}
