using ResilienceLab.Infrastructure.Provisioning;
using ResilienceLab.Stack.Ports;

namespace ResilienceLab.Infrastructure.Aws;

/// <summary>Creates and removes the plan's EventBridge bus, its rules and their queue targets.</summary>
internal sealed class EventBusProvisioner
{
    private readonly EventBridgeClient _events;
    private readonly SqsQueueProvisioner _queues;

    public EventBusProvisioner(EventBridgeClient events, SqsQueueProvisioner queues)
    {
        _events = events;
        _queues = queues;
    }

    public async Task<IReadOnlyList<ProvisionedResource>> ProvisionAsync(
        ResourcePlan plan, EventBusPlan bus, IReadOnlyDictionary<string, ProvisionedQueue> queues, CancellationToken cancellationToken)
    {
        var tags = AwsResourceTags.For(plan);
        var results = new List<ProvisionedResource>();
        var existing = await _events.DescribeEventBusAsync(bus.PhysicalName, cancellationToken).ConfigureAwait(false);
        if (existing is not null)
        {
            results.Add(new ProvisionedResource("event-bus", bus.Name, existing.Arn, ProvisioningOutcome.AlreadyExisted));
        }
        else
        {
            try
            {
                var arn = await _events.CreateEventBusAsync(bus.PhysicalName, tags, cancellationToken).ConfigureAwait(false);
                results.Add(new ProvisionedResource("event-bus", bus.Name, arn, ProvisioningOutcome.Created));
            }
            catch (PortException exception) when (exception.ErrorCode == EventBridgeClient.ResourceAlreadyExists)
            {
                var raced = await _events.DescribeEventBusAsync(bus.PhysicalName, cancellationToken).ConfigureAwait(false);
                results.Add(new ProvisionedResource("event-bus", bus.Name, raced?.Arn ?? bus.PhysicalName, ProvisioningOutcome.AlreadyExisted));
            }
        }

        var ruleArnsByQueue = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var rule in bus.Rules)
        {
            var targets = rule.TargetQueues
                .Select(name => queues.TryGetValue(name, out var queue)
                    ? queue
                    : throw new InvalidOperationException($"rule '{rule.Name}' targets queue '{name}', which is not in the plan"))
                .ToList();
            var described = await _events.DescribeRuleAsync(rule.PhysicalName, bus.PhysicalName, cancellationToken).ConfigureAwait(false);
            string ruleArn;
            ProvisioningOutcome outcome;
            if (described is not null)
            {
                ruleArn = described.Arn;
                outcome = ProvisioningOutcome.AlreadyExisted;
            }
            else
            {
                ruleArn = await _events.PutRuleAsync(
                    rule.PhysicalName, bus.PhysicalName, rule.EventPattern, $"Event rule for {rule.Name}", tags, cancellationToken).ConfigureAwait(false);
                outcome = ProvisioningOutcome.Created;
            }

            if (targets.Count > 0)
            {
                // PutTargets is an upsert by target id, so running it for an existing rule is harmless.
                await _events.PutTargetsAsync(
                    rule.PhysicalName, bus.PhysicalName, targets.Select(q => new EventRuleTarget(TargetId(q.Name), q.Arn)).ToList(), cancellationToken).ConfigureAwait(false);
            }

            foreach (var queue in targets)
            {
                if (!ruleArnsByQueue.TryGetValue(queue.Name, out var arns))
                {
                    ruleArnsByQueue[queue.Name] = arns = [];
                }

                arns.Add(ruleArn);
            }

            results.Add(new ProvisionedResource("rule", rule.Name, ruleArn, outcome));
        }

        var refused = new List<string>();
        foreach (var (queueName, ruleArns) in ruleArnsByQueue)
        {
            if (!await _queues.AllowEventBridgeAsync(queues[queueName], ruleArns, cancellationToken).ConfigureAwait(false))
            {
                refused.Add(queueName);
            }
        }

        if (refused.Count > 0)
        {
            var index = results.FindIndex(r => r.Kind == "event-bus");
            results[index] = results[index] with
            {
                Detail = $"queue policy left unchanged for {string.Join(", ", refused)}: it must allow events.amazonaws.com to send",
            };
        }

        return results;
    }

    public async Task<IReadOnlyList<ProvisionedResource>> TeardownAsync(EventBusPlan bus, CancellationToken cancellationToken)
    {
        var results = new List<ProvisionedResource>();
        foreach (var rule in bus.Rules)
        {
            var described = await _events.DescribeRuleAsync(rule.PhysicalName, bus.PhysicalName, cancellationToken).ConfigureAwait(false);
            if (described is null)
            {
                results.Add(new ProvisionedResource("rule", rule.Name, rule.PhysicalName, ProvisioningOutcome.NotFound));
                continue;
            }

            var tags = await _events.ListTagsForResourceAsync(described.Arn, cancellationToken).ConfigureAwait(false);
            if (!AwsResourceTags.IsOurs(tags))
            {
                results.Add(new ProvisionedResource("rule", rule.Name, described.Arn, ProvisioningOutcome.NotFound, AwsResourceTags.NotOursDetail));
                continue;
            }

            var targets = await _events.ListTargetsByRuleAsync(rule.PhysicalName, bus.PhysicalName, cancellationToken).ConfigureAwait(false);
            if (targets.Count > 0)
            {
                await _events.RemoveTargetsAsync(rule.PhysicalName, bus.PhysicalName, targets.Select(t => t.Id).ToList(), cancellationToken).ConfigureAwait(false);
            }

            await _events.DeleteRuleAsync(rule.PhysicalName, bus.PhysicalName, cancellationToken).ConfigureAwait(false);
            results.Add(new ProvisionedResource("rule", rule.Name, described.Arn, ProvisioningOutcome.Deleted));
        }

        var existing = await _events.DescribeEventBusAsync(bus.PhysicalName, cancellationToken).ConfigureAwait(false);
        if (existing is null)
        {
            results.Add(new ProvisionedResource("event-bus", bus.Name, bus.PhysicalName, ProvisioningOutcome.NotFound));
            return results;
        }

        var busTags = await _events.ListTagsForResourceAsync(existing.Arn, cancellationToken).ConfigureAwait(false);
        if (!AwsResourceTags.IsOurs(busTags))
        {
            results.Add(new ProvisionedResource("event-bus", bus.Name, existing.Arn, ProvisioningOutcome.NotFound, AwsResourceTags.NotOursDetail));
            return results;
        }

        await _events.DeleteEventBusAsync(bus.PhysicalName, cancellationToken).ConfigureAwait(false);
        results.Add(new ProvisionedResource("event-bus", bus.Name, existing.Arn, ProvisioningOutcome.Deleted));
        return results;
    }

    /// <summary>A target id EventBridge accepts ([.-_A-Za-z0-9], at most 64 characters).</summary>
    internal static string TargetId(string queueName)
    {
        var id = new string(queueName.Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' ? c : '-').ToArray());
        return id.Length > 64 ? id[..64] : id;
    }
}
