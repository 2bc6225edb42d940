using ResilienceLab.Infrastructure.Provisioning;

namespace ResilienceLab.Harness.Configuration;

/// <summary>Turns the config into the resources to provision, named as the document's script names them.</summary>
public static class ResourcePlanBuilder
{
    public static ResourcePlan Build(LooseCouplingConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        string Physical(string name) => $"{config.ProjectName}-{name}-{config.DeploymentStage}";
        var queues = new List<QueuePlan>();
        var mainQueues = config.MessageQueues.Select(q => q.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var q in config.MessageQueues)
        {
            // A dead-letter queue shared by several queues, or listed as a queue itself, is planned once.
            if (q.DeadLetterQueue is { } dlq && !mainQueues.Contains(dlq.Name) && queues.All(p => p.Name != dlq.Name))
            {
                queues.Add(new QueuePlan(dlq.Name, Physical(dlq.Name), MessageRetentionSeconds: 1_209_600));
            }

            queues.Add(new QueuePlan(
                q.Name,
                Physical(q.Name),
                q.VisibilityTimeoutSeconds,
                q.MessageRetentionSeconds,
                20,
                q.DeadLetterQueue is { } d ? new RedrivePolicy(d.Name, d.MaxReceiveCount) : null));
        }

        var topics = config.PubSubTopics.Select(t => new TopicPlan(t.Name, Physical(t.Name), t.Subscribers)).ToList();
        var bus = config.EventService is null && config.EventRules.Count == 0
            ? null
            : new EventBusPlan(
                config.EventService?.EventBusName ?? "events",
                Physical(config.EventService?.EventBusName ?? "events"),
                [.. config.EventRules.Select(r => new EventRulePlan(r.Name, Physical(r.Name), r.EventPattern, r.Targets))]);
        return new ResourcePlan(config.ProjectName, config.DeploymentStage, config.AwsRegion, queues, topics, bus, new BreakerTablePlan(Physical("circuit-breaker")));
    }
}
