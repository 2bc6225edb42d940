using ResilienceLab.Infrastructure.Provisioning;

namespace ResilienceLab.Infrastructure.Aws;

/// <summary>
/// Inspects, creates and removes the plan's SNS topics and their SQS subscriptions. A topic of ours gets every planned
/// subscription it lacks (Subscribe is idempotent); a topic without the ownership tag is used as it is.
/// </summary>
internal sealed class SnsTopicProvisioner
{
    private readonly SnsClient _sns;

    public SnsTopicProvisioner(SnsClient sns) => _sns = sns;

    /// <summary>
    /// Goes through every topic: an existing one is checked for ownership, a missing one created when
    /// <paramref name="create"/>; ours get their subscriptions to <paramref name="queues"/>. Returns the topics that exist.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, string>> ProvisionAsync(
        ResourcePlan plan, IReadOnlyDictionary<string, ProvisionedQueue> queues, ProvisioningPass pass, bool create, CancellationToken cancellationToken)
    {
        var arns = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var topic in plan.Topics)
        {
            await pass.RunAsync("topic", topic.Name, topic.PhysicalName, _sns.Policy, async () =>
            {
                var arn = await _sns.FindTopicArnAsync(topic.PhysicalName, cancellationToken).ConfigureAwait(false);
                ProvisionedResource line;
                if (arn is not null)
                {
                    var owned = AwsResourceTags.IsOurs(await _sns.ListTagsForResourceAsync(arn, cancellationToken).ConfigureAwait(false));
                    line = ProvisioningPass.Existing("topic", topic.Name, arn, [], owned);
                    if (!owned || !create)
                    {
                        arns[topic.Name] = arn;
                        return line;
                    }
                }
                else if (!create)
                {
                    return new ProvisionedResource("topic", topic.Name, topic.PhysicalName, ProvisioningOutcome.Missing);
                }
                else
                {
                    arn = await _sns.CreateTopicAsync(topic.PhysicalName, AwsResourceTags.For(plan), cancellationToken).ConfigureAwait(false);
                    line = new ProvisionedResource("topic", topic.Name, arn, ProvisioningOutcome.Created);
                }

                arns[topic.Name] = arn;
                var subscribed = await SubscribeAsync(topic, arn, queues, cancellationToken).ConfigureAwait(false);
                return line with { Detail = subscribed };
            }).ConfigureAwait(false);
        }

        return arns;
    }

    /// <summary>Deletes the plan's topics that carry the ownership tag, their subscriptions first.</summary>
    public async Task TeardownAsync(ResourcePlan plan, ProvisioningPass pass, CancellationToken cancellationToken)
    {
        foreach (var topic in plan.Topics)
        {
            await pass.RunAsync("topic", topic.Name, topic.PhysicalName, _sns.Policy, async () =>
            {
                var arn = await _sns.FindTopicArnAsync(topic.PhysicalName, cancellationToken).ConfigureAwait(false);
                if (arn is null)
                {
                    return new ProvisionedResource("topic", topic.Name, topic.PhysicalName, ProvisioningOutcome.NotFound);
                }

                if (!AwsResourceTags.IsOurs(await _sns.ListTagsForResourceAsync(arn, cancellationToken).ConfigureAwait(false)))
                {
                    return new ProvisionedResource("topic", topic.Name, arn, ProvisioningOutcome.NotOwned, AwsResourceTags.NotOursDetail);
                }

                foreach (var subscription in await _sns.ListSubscriptionsByTopicAsync(arn, cancellationToken).ConfigureAwait(false))
                {
                    await _sns.UnsubscribeAsync(subscription.Arn, cancellationToken).ConfigureAwait(false);
                }

                await _sns.DeleteTopicAsync(arn, cancellationToken).ConfigureAwait(false);
                return new ProvisionedResource("topic", topic.Name, arn, ProvisioningOutcome.Deleted);
            }).ConfigureAwait(false);
        }
    }

    private async Task<string?> SubscribeAsync(TopicPlan topic, string arn, IReadOnlyDictionary<string, ProvisionedQueue> queues, CancellationToken cancellationToken)
    {
        if (topic.SubscribedQueues.Count == 0)
        {
            return null;
        }

        var missing = topic.SubscribedQueues.Where(q => !queues.ContainsKey(q)).ToList();
        var existing = (await _sns.ListSubscriptionsByTopicAsync(arn, cancellationToken).ConfigureAwait(false))
            .Where(s => s.Protocol == "sqs").Select(s => s.Endpoint).ToHashSet(StringComparer.Ordinal);
        foreach (var name in topic.SubscribedQueues.Where(queues.ContainsKey))
        {
            if (!existing.Contains(queues[name].Arn))
            {
                await _sns.SubscribeQueueAsync(arn, queues[name].Arn, cancellationToken).ConfigureAwait(false);
            }
        }

        return missing.Count == 0
            ? $"subscribes {string.Join(", ", topic.SubscribedQueues)}"
            : throw new InvalidOperationException($"cannot subscribe {string.Join(", ", missing)}: no such queue (provision the queues first)");
    }
}
