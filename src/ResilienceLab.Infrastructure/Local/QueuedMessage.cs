namespace ResilienceLab.Infrastructure.Local;

/// <summary>
/// A message held by a <see cref="LocalMessageQueue"/>. It links itself into two lists so that every
/// move (send, receive, delete, return to visible, expire) is O(1) and allocates nothing:
/// the visible or in-flight list (<see cref="Previous"/>/<see cref="Next"/>) and the send-order list
/// (<see cref="Older"/>/<see cref="Newer"/>) that retention trims from its oldest end.
/// </summary>
internal sealed class QueuedMessage
{
    public QueuedMessage(long sequence, string messageId, string body, IReadOnlyDictionary<string, string> attributes, long sentAt)
    {
        Sequence = sequence;
        MessageId = messageId;
        Body = body;
        Attributes = attributes;
        SentAt = sentAt;
    }

    /// <summary>Process-wide unique; receipt handles name it.</summary>
    public long Sequence { get; }

    public string MessageId { get; }

    public string Body { get; }

    public IReadOnlyDictionary<string, string> Attributes { get; }

    /// <summary>The TimeProvider timestamp of the first send; kept across a redrive, as SQS does for standard queues.</summary>
    public long SentAt { get; }

    public int ReceiveCount { get; set; }

    /// <summary>While in flight, the timestamp at which the message becomes visible again.</summary>
    public long VisibleAt { get; set; }

    public QueuedMessageState State { get; set; }

    public QueuedMessage? Previous { get; set; }

    public QueuedMessage? Next { get; set; }

    public QueuedMessage? Older { get; set; }

    public QueuedMessage? Newer { get; set; }
}
