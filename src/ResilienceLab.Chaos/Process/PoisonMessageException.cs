namespace ResilienceLab.Chaos.Process;

/// <summary>A consumer's handler met a message marked poison by <see cref="PoisonMarker"/>; it fails on every delivery.</summary>
public sealed class PoisonMessageException : Exception
{
    public PoisonMessageException(string messageId)
        : base($"message {messageId} is marked poison")
    {
        MessageId = messageId;
    }

    public string MessageId { get; }
}
