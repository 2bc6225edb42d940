using System.Text.Json;
using System.Text.Json.Nodes;
using ResilienceLab.Infrastructure.Provisioning;
using ResilienceLab.Stack.Ports;

namespace ResilienceLab.Infrastructure.Aws;

/// <summary>
/// Inspects, creates and removes the plan's EventBridge bus, its rules and their queue targets. An existing rule is
/// compared with its plan (its event pattern); targets are added only to rules of ours.
/// </summary>
internal sealed class EventBusProvisioner
{
    private readonly EventBridgeClient _events;
    private readonly AwsCallPolicy _calls;

    public EventBusProvisioner(EventBridgeClient events, AwsCallPolicy calls)
    {
        _events = events;
        _calls = calls;
    }

    /// <summary>
    /// The bus, then each rule (created when <paramref name="create"/>, with its targets among <paramref name="queues"/>).
    /// Returns the ARNs of the rules that deliver to each queue, for the queues' policies.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, IReadOnlyList<string>>> ProvisionAsync(
        ResourcePlan plan, EventBusPlan bus, IReadOnlyDictionary<string, ProvisionedQueue> queues, ProvisioningPass pass, bool create, CancellationToken cancellationToken)
    {
        var tags = AwsResourceTags.For(plan);
        var busLine = await pass.RunAsync("event-bus", bus.Name, bus.PhysicalName, _calls, async () =>
        {
            var existing = await _events.DescribeEventBusAsync(bus.PhysicalName, cancellationToken).ConfigureAwait(false);
            if (existing is not null)
            {
                var owned = AwsResourceTags.IsOurs(await _events.ListTagsForResourceAsync(existing.Arn, cancellationToken).ConfigureAwait(false));
                return ProvisioningPass.Existing("event-bus", bus.Name, existing.Arn, [], owned);
            }

            if (!create)
            {
                return new ProvisionedResource("event-bus", bus.Name, bus.PhysicalName, ProvisioningOutcome.Missing);
            }

            try
            {
                var arn = await _events.CreateEventBusAsync(bus.PhysicalName, tags, cancellationToken).ConfigureAwait(false);
                return new ProvisionedResource("event-bus", bus.Name, arn, ProvisioningOutcome.Created);
            }
            catch (PortException exception) when (exception.ErrorCode == EventBridgeClient.ResourceAlreadyExists)
            {
                var raced = await _events.DescribeEventBusAsync(bus.PhysicalName, cancellationToken).ConfigureAwait(false);
                return new ProvisionedResource("event-bus", bus.Name, raced?.Arn ?? bus.PhysicalName, ProvisioningOutcome.AlreadyExisted);
            }
        }).ConfigureAwait(false);

        var ruleArnsByQueue = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var busThere = busLine.Outcome is not (ProvisioningOutcome.Failed or ProvisioningOutcome.Missing);
        foreach (var rule in bus.Rules)
        {
            if (!busThere)
            {
                pass.Add(busLine.Outcome == ProvisioningOutcome.Missing
                    ? new ProvisionedResource("rule", rule.Name, rule.PhysicalName, ProvisioningOutcome.Missing)
                    : ProvisioningPass.Failed("rule", rule.Name, rule.PhysicalName, $"not attempted: the event bus {bus.PhysicalName} is not there"));
                continue;
            }

            await pass.RunAsync("rule", rule.Name, rule.PhysicalName, _calls, async () =>
            {
                var described = await _events.DescribeRuleAsync(rule.PhysicalName, bus.PhysicalName, cancellationToken).ConfigureAwait(false);
                ProvisionedResource line;
                string ruleArn;
                if (described is not null)
                {
                    ruleArn = described.Arn;
                    var owned = AwsResourceTags.IsOurs(await _events.ListTagsForResourceAsync(ruleArn, cancellationToken).ConfigureAwait(false));
                    line = ProvisioningPass.Existing("rule", rule.Name, ruleArn, PatternDifferences(rule.EventPattern, described.EventPattern), owned);
                    if (!create || line.Outcome != ProvisioningOutcome.AlreadyExisted)
                    {
                        return line;
                    }
                }
                else if (!create)
                {
                    return new ProvisionedResource("rule", rule.Name, rule.PhysicalName, ProvisioningOutcome.Missing);
                }
                else
                {
                    ruleArn = await _events.PutRuleAsync(
                        rule.PhysicalName, bus.PhysicalName, rule.EventPattern, $"Event rule for {rule.Name}", tags, cancellationToken).ConfigureAwait(false);
                    line = new ProvisionedResource("rule", rule.Name, ruleArn, ProvisioningOutcome.Created);
                }

                var missing = rule.TargetQueues.Where(q => !queues.ContainsKey(q)).ToList();
                var targets = rule.TargetQueues.Where(queues.ContainsKey).Select(q => queues[q]).ToList();
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

                return missing.Count == 0
                    ? line with { Detail = $"targets {string.Join(", ", rule.TargetQueues)}" }
                    : throw new InvalidOperationException($"cannot target {string.Join(", ", missing)}: no such queue (provision the queues first)");
            }).ConfigureAwait(false);
        }

        return ruleArnsByQueue.ToDictionary(p => p.Key, p => (IReadOnlyList<string>)p.Value, StringComparer.Ordinal);
    }

    /// <summary>Removes the rules of ours (targets first), then the bus if it is ours.</summary>
    public async Task TeardownAsync(EventBusPlan bus, ProvisioningPass pass, CancellationToken cancellationToken)
    {
        foreach (var rule in bus.Rules)
        {
            await pass.RunAsync("rule", rule.Name, rule.PhysicalName, _calls, async () =>
            {
                var described = await _events.DescribeRuleAsync(rule.PhysicalName, bus.PhysicalName, cancellationToken).ConfigureAwait(false);
                if (described is null)
                {
                    return new ProvisionedResource("rule", rule.Name, rule.PhysicalName, ProvisioningOutcome.NotFound);
                }

                if (!AwsResourceTags.IsOurs(await _events.ListTagsForResourceAsync(described.Arn, cancellationToken).ConfigureAwait(false)))
                {
                    return new ProvisionedResource("rule", rule.Name, described.Arn, ProvisioningOutcome.NotOwned, AwsResourceTags.NotOursDetail);
                }

                var targets = await _events.ListTargetsByRuleAsync(rule.PhysicalName, bus.PhysicalName, cancellationToken).ConfigureAwait(false);
                if (targets.Count > 0)
                {
                    await _events.RemoveTargetsAsync(rule.PhysicalName, bus.PhysicalName, targets.Select(t => t.Id).ToList(), cancellationToken).ConfigureAwait(false);
                }

                await _events.DeleteRuleAsync(rule.PhysicalName, bus.PhysicalName, cancellationToken).ConfigureAwait(false);
                return new ProvisionedResource("rule", rule.Name, described.Arn, ProvisioningOutcome.Deleted);
            }).ConfigureAwait(false);
        }

        await pass.RunAsync("event-bus", bus.Name, bus.PhysicalName, _calls, async () =>
        {
            var existing = await _events.DescribeEventBusAsync(bus.PhysicalName, cancellationToken).ConfigureAwait(false);
            if (existing is null)
            {
                return new ProvisionedResource("event-bus", bus.Name, bus.PhysicalName, ProvisioningOutcome.NotFound);
            }

            if (!AwsResourceTags.IsOurs(await _events.ListTagsForResourceAsync(existing.Arn, cancellationToken).ConfigureAwait(false)))
            {
                return new ProvisionedResource("event-bus", bus.Name, existing.Arn, ProvisioningOutcome.NotOwned, AwsResourceTags.NotOursDetail);
            }

            await _events.DeleteEventBusAsync(bus.PhysicalName, cancellationToken).ConfigureAwait(false);
            return new ProvisionedResource("event-bus", bus.Name, existing.Arn, ProvisioningOutcome.Deleted);
        }).ConfigureAwait(false);
    }

    /// <summary>A target id EventBridge accepts ([.-_A-Za-z0-9], at most 64 characters).</summary>
    internal static string TargetId(string queueName)
    {
        var id = new string(queueName.Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' ? c : '-').ToArray());
        return id.Length > 64 ? id[..64] : id;
    }

    /// <summary>The rule's pattern compared as JSON (key order and spacing aside).</summary>
    internal static IReadOnlyList<ResourceDifference> PatternDifferences(string planned, string? found)
    {
        if (found is not null && JsonNode.DeepEquals(TryParse(planned), TryParse(found)))
        {
            return [];
        }

        return [new ResourceDifference("EventPattern", planned, found ?? "none")];
    }

    private static JsonNode? TryParse(string text)
    {
        try
        {
            return JsonNode.Parse(text);
        }
        catch (JsonException)
        {
            return JsonValue.Create(text);
        }
    }
}
