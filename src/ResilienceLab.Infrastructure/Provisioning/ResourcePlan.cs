namespace ResilienceLab.Infrastructure.Provisioning;

/// <summary>
/// Every resource the document's script provisions, with physical names already resolved
/// (<c>$project-$name-$stage</c>, DLQs <c>$project-$name-dlq-$stage</c>), built from <c>loose-coupling-config.json</c>.
/// </summary>
public sealed record ResourcePlan(
    string ProjectName,
    string DeploymentStage,
    string AwsRegion,
    IReadOnlyList<QueuePlan> Queues,
    IReadOnlyList<TopicPlan> Topics,
    EventBusPlan? EventBus,
    BreakerTablePlan BreakerTable)
{
    /// <summary>The plan with only the selected components' queues, topics and bus (the table is always named; callers decide whether to touch it).</summary>
    public ResourcePlan Only(ResourceComponents components) => this with
    {
        Queues = components.HasFlag(ResourceComponents.Queues) ? Queues : [],
        Topics = components.HasFlag(ResourceComponents.Topics) ? Topics : [],
        EventBus = components.HasFlag(ResourceComponents.Events) ? EventBus : null,
    };

    /// <summary>The names of the queues some queue's redrive policy sends to.</summary>
    public IReadOnlySet<string> DeadLetterQueueNames =>
        Queues.Where(q => q.RedrivePolicy is not null).Select(q => q.RedrivePolicy!.DeadLetterQueueName).ToHashSet(StringComparer.Ordinal);
}
