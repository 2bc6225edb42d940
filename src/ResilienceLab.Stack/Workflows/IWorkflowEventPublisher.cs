using System.Text.Json.Nodes;

namespace ResilienceLab.Stack.Workflows;

/// <summary>Where the orchestrator publishes <c>WorkflowCompleted</c> and <c>WorkflowFailed</c> (<see cref="WorkflowEvents"/>); the event-driven service implements it.</summary>
public interface IWorkflowEventPublisher
{
    ValueTask PublishEventAsync(string eventType, JsonObject eventData, CancellationToken cancellationToken = default);
}
