namespace ResilienceLab.Stack.Workflows;

/// <summary>The event types the orchestrator publishes, as the document names them.</summary>
public static class WorkflowEvents
{
    /// <summary>A workflow ran to its end: <c>status</c> is <c>completed</c>, or <c>failed</c> when a required step failed (the document's behaviour).</summary>
    public const string Completed = "WorkflowCompleted";

    /// <summary>A workflow broke off with an exception: <c>status</c> <c>error</c> and the <c>error</c> message.</summary>
    public const string Failed = "WorkflowFailed";
}
