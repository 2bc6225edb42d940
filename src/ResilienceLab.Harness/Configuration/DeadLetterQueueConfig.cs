namespace ResilienceLab.Harness.Configuration;

/// <summary>A queue's dead-letter queue (<c>$name-dlq</c> by default) and the redrive policy's <c>maxReceiveCount</c> (3, as the document's script sets).</summary>
public sealed record DeadLetterQueueConfig(string Name, int MaxReceiveCount)
{
    /// <summary>The document script's <c>maxReceiveCount</c>.</summary>
    public const int DefaultMaxReceiveCount = 3;
}
