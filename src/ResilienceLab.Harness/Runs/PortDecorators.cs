using System.Text.Json.Nodes;
using ResilienceLab.Stack.Ports;

namespace ResilienceLab.Harness.Runs;

/// <summary>
/// Where a run wraps the backend's ports (API-level fault injection) and marks messages that can never be processed
/// (poison). The default passes everything through.
/// </summary>
internal sealed class PortDecorators
{
    public static readonly PortDecorators None = new();

    public Func<IMessageQueue, IMessageQueue> Queue { get; init; } = q => q;

    public Func<IEventBus, IEventBus> EventBus { get; init; } = b => b;

    public Func<IBreakerTable, IBreakerTable> BreakerTable { get; init; } = t => t;

    public Func<ReceivedMessage, bool> IsPoison { get; init; } = _ => false;

    public Func<JsonObject, bool> IsPoisonEvent { get; init; } = _ => false;
}
