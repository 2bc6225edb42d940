namespace ResilienceLab.Stack.Workflows;

/// <summary>A named workflow of required and optional steps, run in order.</summary>
public sealed record WorkflowDefinition(string Name, IReadOnlyList<WorkflowStep> Steps);
