namespace ResilienceLab.Infrastructure.Local;

/// <summary>SQS's defaults and limits, in one place.</summary>
internal static class LocalQueueConstants
{
    public const int MaxBatchSize = 10;

    public const int DefaultMaxReceiveCount = 3;

    public const int MaxMaxReceiveCount = 1000;

    public static readonly TimeSpan DefaultVisibilityTimeout = TimeSpan.FromSeconds(30);

    public static readonly TimeSpan MaxVisibilityTimeout = TimeSpan.FromHours(12);

    /// <summary>SQS's default MessageRetentionPeriod: 4 days.</summary>
    public static readonly TimeSpan DefaultMessageRetention = TimeSpan.FromDays(4);

    public static readonly TimeSpan MinMessageRetention = TimeSpan.FromSeconds(60);

    public static readonly TimeSpan MaxMessageRetention = TimeSpan.FromDays(14);

    public static readonly TimeSpan MaxWaitTime = TimeSpan.FromSeconds(20);
}
