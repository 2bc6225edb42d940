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
    BreakerTablePlan BreakerTable);
