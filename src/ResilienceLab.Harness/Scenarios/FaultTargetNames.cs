using ResilienceLab.Chaos.Faults;
using ResilienceLab.Chaos.Ports;
using ResilienceLab.Harness.Configuration;

namespace ResilienceLab.Harness.Scenarios;

/// <summary>
/// What a scenario's faults may target, from the config: services (HTTP faults); queues, dead-letter queues, topics,
/// <c>event-bus</c> and <c>breaker-table</c> (API faults, with the operations each offers); the config's queues, which
/// have consumers (consumer_crash); the services' request queues, whose producers mark poison, and topics (poison_message).
/// Dead-letter queues have no consumer and no producer of their own, and the events queue is fed by the bus, not by a
/// producer in the run, so a process fault there would hit nothing.
/// </summary>
public sealed class FaultTargetNames
{
    private static readonly string[] QueueOperations = [ApiOperations.SendMessage, ApiOperations.SendMessageBatch, ApiOperations.ReceiveMessage, ApiOperations.DeleteMessage, ApiOperations.GetQueueAttributes];

    private readonly IReadOnlyList<string> _services;
    private readonly IReadOnlyList<string> _queues;
    private readonly IReadOnlyList<string> _consumedQueues;
    private readonly IReadOnlyList<string> _producedQueues;
    private readonly IReadOnlyList<string> _topics;
    private readonly Dictionary<string, string[]> _resourceOperations = new(StringComparer.Ordinal);

    public FaultTargetNames(LooseCouplingConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        _services = [.. config.Services.Select(s => s.Name)];
        _queues = [.. config.MessageQueues.Select(q => q.Name).Concat(config.MessageQueues.Select(q => q.DeadLetterQueue?.Name).OfType<string>()).Distinct(StringComparer.Ordinal)];
        _consumedQueues = [.. config.MessageQueues.Select(q => q.Name)];
        _producedQueues = [.. config.Services.Select(s => s.RequestQueue).OfType<string>().Distinct(StringComparer.Ordinal)];
        _topics = [.. config.PubSubTopics.Select(t => t.Name)];
        foreach (var queue in _queues)
        {
            _resourceOperations[queue] = QueueOperations;
        }

        foreach (var topic in _topics)
        {
            _resourceOperations[topic] = [ApiOperations.Publish];
        }

        if (config.EventService is not null || config.EventRules.Count > 0)
        {
            _resourceOperations[ApiFaultInjector.EventBusTarget] = [ApiOperations.PutEvents];
        }

        _resourceOperations[ApiFaultInjector.BreakerTableTarget] = [ApiOperations.GetItem, ApiOperations.PutItem, ApiOperations.UpdateItem];
    }

    /// <summary>The names a fault of <paramref name="kind"/> may target.</summary>
    public IReadOnlyList<string> For(FaultKind kind) => kind switch
    {
        FaultKind.ConsumerCrash => _consumedQueues,
        FaultKind.PoisonMessage => [.. _producedQueues, .. _topics],
        _ when FaultNames.CategoryOf(kind) == FaultCategory.Api => [.. _resourceOperations.Keys],
        _ => _services,
    };

    /// <summary>The API operations <paramref name="resource"/> offers (empty when it is not a resource).</summary>
    public IReadOnlyList<string> OperationsOf(string resource) => _resourceOperations.GetValueOrDefault(resource, []);
}
