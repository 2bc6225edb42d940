using ResilienceLab.Stack.Ports;

namespace ResilienceLab.Harness.Runs;

/// <summary>
/// Where a run wraps the backend's ports: API-level fault injection on every queue, topic, the bus and the table; the
/// consumer's and the producer's views of a queue (process faults: crashed consumers, poison messages); and how a
/// consumer recognises a poison message. The default passes everything through.
/// </summary>
internal sealed class PortDecorators
{
    public static readonly PortDecorators None = new();

    /// <summary>Every queue, by logical name (API faults).</summary>
    public Func<string, IMessageQueue, IMessageQueue> Queue { get; init; } = (_, q) => q;

    /// <summary>The queue as its consumer sees it (consumer crashes).</summary>
    public Func<string, IMessageQueue, IMessageQueue> ConsumerQueue { get; init; } = (_, q) => q;

    /// <summary>The queue as a producer sees it (poison messages).</summary>
    public Func<string, IMessageQueue, IMessageQueue> ProducerQueue { get; init; } = (_, q) => q;

    /// <summary>Every topic, by logical name (API faults).</summary>
    public Func<string, ITopic, ITopic> Topic { get; init; } = (_, t) => t;

    public Func<IEventBus, IEventBus> EventBus { get; init; } = b => b;

    public Func<IBreakerTable, IBreakerTable> BreakerTable { get; init; } = t => t;

    public Func<ReceivedMessage, bool> IsPoison { get; init; } = _ => false;
}
