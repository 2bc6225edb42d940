namespace ResilienceLab.Stack.Workflows;

/// <summary>The document's workflow statuses.</summary>
public enum WorkflowStatus
{
    Completed,
    Failed,
    Error,
}
