using System.Globalization;
using System.Text.Json.Nodes;
using Amazon.SQS;
using Amazon.SQS.Model;
using ResilienceLab.Infrastructure.Provisioning;

namespace ResilienceLab.Infrastructure.Aws;

/// <summary>
/// Inspects, creates and removes the plan's SQS queues: dead-letter queues first, then the queues whose RedrivePolicy names
/// them, with the document's attributes and the ownership tags. An existing queue is compared with its plan
/// (<see cref="QueueDrift"/>) and its tags, and never changed.
/// </summary>
internal sealed class SqsQueueProvisioner
{
    /// <summary>Marks the queue-policy statements provisioning writes (one per delivering service).</summary>
    public const string PolicySidPrefix = "resilience-lab-";

    private readonly IAmazonSQS _sqs;

    public SqsQueueProvisioner(IAmazonSQS sqs, AwsCallPolicy calls)
    {
        _sqs = sqs;
        Calls = calls;
    }

    public AwsCallPolicy Calls { get; }

    /// <summary>
    /// Goes through every queue of the plan, dead-letter queues first: an existing one is compared with the plan; a missing
    /// one is created when <paramref name="create"/> (else reported missing). Returns the queues that exist, by logical name.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, ProvisionedQueue>> ProvisionAsync(ResourcePlan plan, ProvisioningPass pass, bool create, CancellationToken cancellationToken)
    {
        var deadLetterNames = plan.DeadLetterQueueNames;
        var physical = plan.Queues.ToDictionary(q => q.Name, q => q.PhysicalName, StringComparer.Ordinal);
        var provisioned = new Dictionary<string, ProvisionedQueue>(StringComparer.Ordinal);
        var tags = AwsResourceTags.For(plan);
        foreach (var queue in plan.Queues.OrderBy(q => deadLetterNames.Contains(q.Name) ? 0 : 1))
        {
            var kind = deadLetterNames.Contains(queue.Name) ? "dlq" : "queue";
            var deadLetter = queue.RedrivePolicy is { } redrive ? physical.GetValueOrDefault(redrive.DeadLetterQueueName) : null;
            await pass.RunAsync(kind, queue.Name, queue.PhysicalName, Calls, async () =>
            {
                var url = await FindQueueUrlAsync(queue.PhysicalName, cancellationToken).ConfigureAwait(false);
                if (url is not null)
                {
                    var attributes = await GetAttributesAsync(url, QueueDrift.AttributeNames, cancellationToken).ConfigureAwait(false);
                    var queueTags = await ListTagsAsync(url, cancellationToken).ConfigureAwait(false);
                    provisioned[queue.Name] = new ProvisionedQueue(queue.Name, queue.PhysicalName, url, attributes.GetValueOrDefault("QueueArn") ?? string.Empty);
                    return ProvisioningPass.Existing(kind, queue.Name, url, QueueDrift.Compare(queue, deadLetter, attributes), AwsResourceTags.IsOurs(queueTags));
                }

                if (!create)
                {
                    return new ProvisionedResource(kind, queue.Name, queue.PhysicalName, ProvisioningOutcome.Missing);
                }

                if (queue.RedrivePolicy is { } policy && !provisioned.ContainsKey(policy.DeadLetterQueueName))
                {
                    return ProvisioningPass.Failed(kind, queue.Name, queue.PhysicalName, $"not created: its dead-letter queue '{policy.DeadLetterQueueName}' is not there");
                }

                var request = new CreateQueueRequest
                {
                    QueueName = queue.PhysicalName,
                    Attributes = Attributes(queue, provisioned),
                    Tags = new Dictionary<string, string>(tags, StringComparer.Ordinal),
                };
                var response = await Calls.ExecuteAsync("CreateQueue", token => _sqs.CreateQueueAsync(request, token), cancellationToken).ConfigureAwait(false);
                var created = response.QueueUrl ?? throw new InvalidOperationException($"CreateQueue returned no URL for {queue.PhysicalName}");
                var arn = (await GetAttributesAsync(created, ["QueueArn"], cancellationToken).ConfigureAwait(false)).GetValueOrDefault("QueueArn") ?? string.Empty;
                provisioned[queue.Name] = new ProvisionedQueue(queue.Name, queue.PhysicalName, created, arn);
                var detail = queue.RedrivePolicy is { } r ? $"redrive to {r.DeadLetterQueueName} after {r.MaxReceiveCount} receives" : null;
                return new ProvisionedResource(kind, queue.Name, created, ProvisioningOutcome.Created, detail);
            }).ConfigureAwait(false);
        }

        return provisioned;
    }

    /// <summary>The queues of these names that exist (for topics and rules provisioned without their queues); missing ones are left out.</summary>
    public async Task<IReadOnlyDictionary<string, ProvisionedQueue>> FindAsync(ResourcePlan plan, IEnumerable<string> names, CancellationToken cancellationToken)
    {
        var found = new Dictionary<string, ProvisionedQueue>(StringComparer.Ordinal);
        foreach (var queue in plan.Queues.Where(q => names.Contains(q.Name)))
        {
            if (await FindQueueUrlAsync(queue.PhysicalName, cancellationToken).ConfigureAwait(false) is { } url)
            {
                var arn = (await GetAttributesAsync(url, ["QueueArn"], cancellationToken).ConfigureAwait(false)).GetValueOrDefault("QueueArn") ?? string.Empty;
                found[queue.Name] = new ProvisionedQueue(queue.Name, queue.PhysicalName, url, arn);
            }
        }

        return found;
    }

    /// <summary>Deletes the plan's queues that carry the ownership tag, main queues before their dead-letter queues.</summary>
    public async Task TeardownAsync(ResourcePlan plan, ProvisioningPass pass, CancellationToken cancellationToken)
    {
        var deadLetterNames = plan.DeadLetterQueueNames;
        foreach (var queue in plan.Queues.OrderBy(q => deadLetterNames.Contains(q.Name) ? 1 : 0))
        {
            var kind = deadLetterNames.Contains(queue.Name) ? "dlq" : "queue";
            await pass.RunAsync(kind, queue.Name, queue.PhysicalName, Calls, async () =>
            {
                var url = await FindQueueUrlAsync(queue.PhysicalName, cancellationToken).ConfigureAwait(false);
                if (url is null)
                {
                    return new ProvisionedResource(kind, queue.Name, queue.PhysicalName, ProvisioningOutcome.NotFound);
                }

                if (!AwsResourceTags.IsOurs(await ListTagsAsync(url, cancellationToken).ConfigureAwait(false)))
                {
                    return new ProvisionedResource(kind, queue.Name, url, ProvisioningOutcome.NotOwned, AwsResourceTags.NotOursDetail);
                }

                await Calls.ExecuteAsync("DeleteQueue", token => _sqs.DeleteQueueAsync(new DeleteQueueRequest { QueueUrl = url }, token), cancellationToken).ConfigureAwait(false);
                return new ProvisionedResource(kind, queue.Name, url, ProvisioningOutcome.Deleted);
            }).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Lets the given services send to the queue (SNS and EventBridge need the queue's resource policy to allow it):
    /// created (written), already existed (it said so already), or not owned (someone else wrote the policy; left alone).
    /// </summary>
    public async Task<ProvisioningOutcome> SetDeliveryPolicyAsync(ProvisionedQueue queue, IReadOnlyList<QueuePolicyGrant> grants, CancellationToken cancellationToken)
    {
        var existing = (await GetAttributesAsync(queue.Url, ["Policy"], cancellationToken).ConfigureAwait(false)).GetValueOrDefault("Policy");
        if (!string.IsNullOrEmpty(existing) && !existing.Contains(PolicySidPrefix, StringComparison.Ordinal))
        {
            return ProvisioningOutcome.NotOwned;
        }

        var policy = new JsonObject
        {
            ["Version"] = "2012-10-17",
            ["Statement"] = new JsonArray(grants.Select(grant => (JsonNode)new JsonObject
            {
                ["Sid"] = grant.Sid,
                ["Effect"] = "Allow",
                ["Principal"] = new JsonObject { ["Service"] = grant.Principal },
                ["Action"] = "sqs:SendMessage",
                ["Resource"] = queue.Arn,
                ["Condition"] = new JsonObject
                {
                    ["ArnEquals"] = new JsonObject
                    {
                        ["aws:SourceArn"] = new JsonArray(grant.SourceArns.Select(a => (JsonNode)JsonValue.Create(a)).ToArray()),
                    },
                },
            }).ToArray()),
        };
        if (existing is not null && JsonNode.DeepEquals(TryParse(existing), policy))
        {
            return ProvisioningOutcome.AlreadyExisted;
        }

        var request = new SetQueueAttributesRequest
        {
            QueueUrl = queue.Url,
            Attributes = new Dictionary<string, string>(StringComparer.Ordinal) { ["Policy"] = policy.ToJsonString() },
        };
        await Calls.ExecuteAsync("SetQueueAttributes", token => _sqs.SetQueueAttributesAsync(request, token), cancellationToken).ConfigureAwait(false);
        return ProvisioningOutcome.Created;
    }

    private static JsonNode? TryParse(string text)
    {
        try
        {
            return JsonNode.Parse(text);
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    /// <summary>The queue's URL, or null when it does not exist.</summary>
    public Task<string?> FindQueueUrlAsync(string physicalName, CancellationToken cancellationToken) =>
        Calls.ExecuteAsync("GetQueueUrl", async token =>
        {
            try
            {
                return (await _sqs.GetQueueUrlAsync(new GetQueueUrlRequest { QueueName = physicalName }, token).ConfigureAwait(false)).QueueUrl;
            }
            catch (QueueDoesNotExistException)
            {
                return null;
            }
        }, cancellationToken);

    /// <summary>
    /// The main queue's attributes as the document sets them (its <c>VisibilityTimeoutSeconds</c> is SQS's
    /// <c>VisibilityTimeout</c>), plus the RedrivePolicy naming the dead-letter queue's ARN.
    /// </summary>
    internal static Dictionary<string, string> Attributes(QueuePlan queue, IReadOnlyDictionary<string, ProvisionedQueue> provisioned)
    {
        var attributes = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["VisibilityTimeout"] = queue.VisibilityTimeoutSeconds.ToString(CultureInfo.InvariantCulture),
            ["MessageRetentionPeriod"] = queue.MessageRetentionSeconds.ToString(CultureInfo.InvariantCulture),
            ["ReceiveMessageWaitTimeSeconds"] = queue.ReceiveMessageWaitTimeSeconds.ToString(CultureInfo.InvariantCulture),
        };
        if (queue.RedrivePolicy is { } redrive)
        {
            if (!provisioned.TryGetValue(redrive.DeadLetterQueueName, out var deadLetter))
            {
                throw new InvalidOperationException(
                    $"queue '{queue.Name}' names dead-letter queue '{redrive.DeadLetterQueueName}', which is not in the plan");
            }

            attributes["RedrivePolicy"] = new JsonObject
            {
                ["deadLetterTargetArn"] = deadLetter.Arn,
                ["maxReceiveCount"] = redrive.MaxReceiveCount,
            }.ToJsonString();
        }

        return attributes;
    }

    private async Task<Dictionary<string, string>> GetAttributesAsync(string url, IReadOnlyList<string> names, CancellationToken cancellationToken)
    {
        var request = new GetQueueAttributesRequest { QueueUrl = url, AttributeNames = [.. names] };
        var response = await Calls.ExecuteAsync("GetQueueAttributes", token => _sqs.GetQueueAttributesAsync(request, token), cancellationToken).ConfigureAwait(false);
        return response.Attributes ?? [];
    }

    private async Task<Dictionary<string, string>> ListTagsAsync(string url, CancellationToken cancellationToken)
    {
        var response = await Calls.ExecuteAsync(
            "ListQueueTags", token => _sqs.ListQueueTagsAsync(new ListQueueTagsRequest { QueueUrl = url }, token), cancellationToken).ConfigureAwait(false);
        return response.Tags ?? [];
    }
}
