namespace ResilienceLab.Infrastructure.Provisioning;

/// <summary>
/// A queue to provision. <see cref="Name"/> is the logical name from the config (what the stack asks for);
/// <see cref="PhysicalName"/> is what the provider sees. A dead-letter queue is itself a <see cref="QueuePlan"/>
/// that other queues name in their <see cref="RedrivePolicy"/>.
/// </summary>
public sealed record QueuePlan(
    string Name,
    string PhysicalName,
    int VisibilityTimeoutSeconds = 30,
    int MessageRetentionSeconds = 1_209_600,
    int ReceiveMessageWaitTimeSeconds = 20,
    RedrivePolicy? RedrivePolicy = null);
