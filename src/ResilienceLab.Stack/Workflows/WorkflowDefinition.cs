namespace ResilienceLab.Stack.Workflows;

/// <summary>A named workflow of required and optional steps, run in order.</summary>
public sealed record WorkflowDefinition(string Name, IReadOnlyList<WorkflowStep> Steps)
{
    /// <summary>The topic the workflow's outcome is published to (<c>outcome_topic</c>); null for none. <value>Default null.</value></summary>
    public string? OutcomeTopic { get; init; }
}
