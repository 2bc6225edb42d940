using System.ComponentModel.DataAnnotations;

namespace ResilienceLab.Infrastructure.Local;

/// <summary>The attributes of a <see cref="LocalMessageQueue"/>, as SQS names them.</summary>
public sealed record LocalQueueOptions
{
    /// <summary>How long a received message stays invisible unless deleted.</summary>
    /// <value>30 seconds; 0 to 12 hours.</value>
    public TimeSpan VisibilityTimeout { get; init; } = LocalQueueConstants.DefaultVisibilityTimeout;

    /// <summary>How long a message is kept, counted from when it was first sent.</summary>
    /// <value>4 days; 60 seconds to 14 days.</value>
    public TimeSpan MessageRetention { get; init; } = LocalQueueConstants.DefaultMessageRetention;

    /// <summary>Where a message goes after <see cref="MaxReceiveCount"/> receives without a delete; null for none.</summary>
    /// <value>null.</value>
    public LocalMessageQueue? DeadLetterQueue { get; init; }

    /// <summary>The redrive policy's maxReceiveCount; used only with a <see cref="DeadLetterQueue"/>.</summary>
    /// <value>3; 1 to 1000.</value>
    [Range(1, LocalQueueConstants.MaxMaxReceiveCount)]
    public int MaxReceiveCount { get; init; } = LocalQueueConstants.DefaultMaxReceiveCount;

    /// <summary>Every problem with these options, empty when they are valid.</summary>
    internal List<string> Validate()
    {
        var problems = new List<string>();
        if (VisibilityTimeout < TimeSpan.Zero || VisibilityTimeout > LocalQueueConstants.MaxVisibilityTimeout)
        {
            problems.Add($"VisibilityTimeout must be between 0 and 12 hours (was {VisibilityTimeout}).");
        }

        if (MessageRetention < LocalQueueConstants.MinMessageRetention || MessageRetention > LocalQueueConstants.MaxMessageRetention)
        {
            problems.Add($"MessageRetention must be between 60 seconds and 14 days (was {MessageRetention}).");
        }

        if (MaxReceiveCount < 1 || MaxReceiveCount > LocalQueueConstants.MaxMaxReceiveCount)
        {
            problems.Add($"MaxReceiveCount must be between 1 and 1000 (was {MaxReceiveCount}).");
        }

        return problems;
    }
}
