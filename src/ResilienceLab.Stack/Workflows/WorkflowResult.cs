namespace ResilienceLab.Stack.Workflows;

/// <summary>The outcome of one workflow execution, as the document's orchestrator returns it.</summary>
public sealed record WorkflowResult(string WorkflowId, string WorkflowName, WorkflowStatus Status, IReadOnlyList<StepResult> Steps, TimeSpan Duration, string? Error = null)
{
    /// <summary>The first required step that failed, if any.</summary>
    public StepResult? FailedStep => Steps.FirstOrDefault(s => !s.Success && !s.Degraded);
}
