namespace ResilienceLab.Stack.Events;

internal static class EventServiceConstants
{
    /// <summary>The document's default <c>event_bus_name</c>.</summary>
    public const string DefaultEventBusName = "default";
    public const int DefaultOutboxCapacity = 10_000;
    public const int MaxPutEventsEntries = 10;
    public static readonly TimeSpan DefaultOutboxBaseDelay = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan DefaultOutboxMaxDelay = TimeSpan.FromSeconds(60);

    public const int DefaultReceiveMaxMessages = 10;

    /// <summary>The document's <c>ReceiveMessageWaitTimeSeconds</c>.</summary>
    public static readonly TimeSpan DefaultReceiveWaitTime = TimeSpan.FromSeconds(20);
    public static readonly TimeSpan DefaultReceiveErrorDelay = TimeSpan.FromSeconds(1);
}
