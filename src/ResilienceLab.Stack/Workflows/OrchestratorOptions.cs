using ResilienceLab.Stack.Validation;

namespace ResilienceLab.Stack.Workflows;

/// <summary>How the orchestrator announces its workflows.</summary>
public sealed class OrchestratorOptions
{
    /// <summary>
    /// The event published when a required step failed (<c>event_service.failed_workflow_event</c>):
    /// <see cref="WorkflowEvents.Completed"/> with status <c>failed</c>, as the document does, or
    /// <see cref="WorkflowEvents.Failed"/> with status <c>failed</c>. <value>Default <see cref="WorkflowEvents.Completed"/>.</value>
    /// </summary>
    public string FailedWorkflowEvent { get; init; } = WorkflowEvents.Completed;

    /// <summary>Throws one <see cref="System.ComponentModel.DataAnnotations.ValidationException"/> listing every problem.</summary>
    public void Validate() => OptionsValidator.ThrowIfAny(
        "orchestrator options",
        OptionsValidator.Problems(
            this,
            string.Empty,
            (FailedWorkflowEvent is WorkflowEvents.Completed or WorkflowEvents.Failed, $"FailedWorkflowEvent must be {WorkflowEvents.Completed} or {WorkflowEvents.Failed}")));
}
