namespace ResilienceLab.Harness.Configuration;

/// <summary>The document's <c>event_service</c>: its name (the events' Source), the bus, and the queue failed events go to (<c>dead_letter_queue</c>, or the document's <c>dead_letter_queue_url</c>).</summary>
public sealed record EventServiceConfig(string Name, string EventBusName, string? DeadLetterQueue)
{
    /// <summary>Events kept while the bus is down (<c>outbox_capacity</c>); 0 publishes straight through and fails with the bus, as the document does. <value>Default 10,000.</value></summary>
    public int OutboxCapacity { get; init; } = 10_000;

    /// <summary>
    /// The event a workflow whose required step failed publishes (<c>failed_workflow_event</c>): <c>WorkflowCompleted</c>
    /// with status <c>failed</c>, as the document does, or <c>WorkflowFailed</c>. <value>Default WorkflowCompleted.</value>
    /// </summary>
    public string FailedWorkflowEvent { get; init; } = Stack.Workflows.WorkflowEvents.Completed;
}
