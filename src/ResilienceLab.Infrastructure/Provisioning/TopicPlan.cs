namespace ResilienceLab.Infrastructure.Provisioning;

/// <summary>A pub/sub topic and the logical names of the queues subscribed to it.</summary>
public sealed record TopicPlan(string Name, string PhysicalName, IReadOnlyList<string> SubscribedQueues);
