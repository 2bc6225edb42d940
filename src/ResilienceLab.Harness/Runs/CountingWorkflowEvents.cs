using System.Text.Json.Nodes;
using ResilienceLab.Stack.Workflows;

namespace ResilienceLab.Harness.Runs;

/// <summary>Counts the workflow events the orchestrator emitted, before the event service buffers or publishes them.</summary>
internal sealed class CountingWorkflowEvents(IWorkflowEventPublisher inner) : IWorkflowEventPublisher
{
    private long _emitted;

    public long Emitted => Interlocked.Read(ref _emitted);

    public ValueTask PublishEventAsync(string eventType, JsonObject eventData, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _emitted);
        return inner.PublishEventAsync(eventType, eventData, cancellationToken);
    }
}
