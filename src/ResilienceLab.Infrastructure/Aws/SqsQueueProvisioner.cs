using System.Globalization;
using System.Text.Json.Nodes;
using Amazon.SQS;
using Amazon.SQS.Model;
using ResilienceLab.Infrastructure.Provisioning;

namespace ResilienceLab.Infrastructure.Aws;

/// <summary>
/// Creates and removes the plan's SQS queues: dead-letter queues first, then the queues whose
/// RedrivePolicy names them, with the document's attributes and the ownership tags.
/// </summary>
internal sealed class SqsQueueProvisioner
{
    /// <summary>Marks the queue-policy statement that lets EventBridge rules deliver to a queue.</summary>
    public const string EventBridgePolicySid = "resilience-lab-eventbridge";

    private readonly IAmazonSQS _sqs;

    public SqsQueueProvisioner(IAmazonSQS sqs) => _sqs = sqs;

    /// <summary>Provisions every queue; returns what happened to each and the provisioned queues by logical name.</summary>
    public async Task<IReadOnlyList<(ProvisionedResource Resource, ProvisionedQueue Queue)>> ProvisionAsync(ResourcePlan plan, CancellationToken cancellationToken)
    {
        var deadLetterNames = DeadLetterQueueNames(plan);
        var provisioned = new Dictionary<string, ProvisionedQueue>(StringComparer.Ordinal);
        var results = new List<(ProvisionedResource, ProvisionedQueue)>();
        var tags = AwsResourceTags.For(plan);
        foreach (var queue in plan.Queues.OrderBy(q => deadLetterNames.Contains(q.Name) ? 0 : 1))
        {
            var kind = deadLetterNames.Contains(queue.Name) ? "dlq" : "queue";
            var existingUrl = await FindQueueUrlAsync(queue.PhysicalName, cancellationToken).ConfigureAwait(false);
            var outcome = ProvisioningOutcome.AlreadyExisted;
            var url = existingUrl;
            if (url is null)
            {
                var attributes = Attributes(queue, provisioned);
                var request = new CreateQueueRequest
                {
                    QueueName = queue.PhysicalName,
                    Attributes = attributes,
                    Tags = new Dictionary<string, string>(tags, StringComparer.Ordinal),
                };
                var response = await AwsErrorMapping.Guard(
                    "CreateQueue", () => _sqs.CreateQueueAsync(request, cancellationToken), cancellationToken).ConfigureAwait(false);
                url = response.QueueUrl ?? throw new InvalidOperationException($"CreateQueue returned no URL for {queue.PhysicalName}");
                outcome = ProvisioningOutcome.Created;
            }

            var arn = await GetAttributeAsync(url, "QueueArn", cancellationToken).ConfigureAwait(false) ?? string.Empty;
            var item = new ProvisionedQueue(queue.Name, queue.PhysicalName, url, arn);
            provisioned[queue.Name] = item;
            results.Add((new ProvisionedResource(kind, queue.Name, url, outcome), item));
        }

        return results;
    }

    /// <summary>Deletes the plan's queues that carry the ownership tag, main queues before their dead-letter queues.</summary>
    public async Task<IReadOnlyList<ProvisionedResource>> TeardownAsync(ResourcePlan plan, CancellationToken cancellationToken)
    {
        var deadLetterNames = DeadLetterQueueNames(plan);
        var results = new List<ProvisionedResource>();
        foreach (var queue in plan.Queues.OrderBy(q => deadLetterNames.Contains(q.Name) ? 1 : 0))
        {
            var kind = deadLetterNames.Contains(queue.Name) ? "dlq" : "queue";
            var url = await FindQueueUrlAsync(queue.PhysicalName, cancellationToken).ConfigureAwait(false);
            if (url is null)
            {
                results.Add(new ProvisionedResource(kind, queue.Name, queue.PhysicalName, ProvisioningOutcome.NotFound));
                continue;
            }

            var tags = await AwsErrorMapping.Guard(
                "ListQueueTags", () => _sqs.ListQueueTagsAsync(new ListQueueTagsRequest { QueueUrl = url }, cancellationToken), cancellationToken).ConfigureAwait(false);
            if (!AwsResourceTags.IsOurs(tags.Tags))
            {
                results.Add(new ProvisionedResource(kind, queue.Name, url, ProvisioningOutcome.NotFound, AwsResourceTags.NotOursDetail));
                continue;
            }

            await AwsErrorMapping.Guard(
                "DeleteQueue", () => _sqs.DeleteQueueAsync(new DeleteQueueRequest { QueueUrl = url }, cancellationToken), cancellationToken).ConfigureAwait(false);
            results.Add(new ProvisionedResource(kind, queue.Name, url, ProvisioningOutcome.Deleted));
        }

        return results;
    }

    /// <summary>
    /// Lets the given rules send to the queue (EventBridge needs the queue's resource policy to allow it).
    /// A queue whose policy someone else wrote is left alone; returns false then.
    /// </summary>
    public async Task<bool> AllowEventBridgeAsync(ProvisionedQueue queue, IReadOnlyList<string> ruleArns, CancellationToken cancellationToken)
    {
        var existing = await GetAttributeAsync(queue.Url, "Policy", cancellationToken).ConfigureAwait(false);
        if (!string.IsNullOrEmpty(existing) && !existing.Contains(EventBridgePolicySid, StringComparison.Ordinal))
        {
            return false;
        }

        var policy = new JsonObject
        {
            ["Version"] = "2012-10-17",
            ["Statement"] = new JsonArray(new JsonObject
            {
                ["Sid"] = EventBridgePolicySid,
                ["Effect"] = "Allow",
                ["Principal"] = new JsonObject { ["Service"] = "events.amazonaws.com" },
                ["Action"] = "sqs:SendMessage",
                ["Resource"] = queue.Arn,
                ["Condition"] = new JsonObject
                {
                    ["ArnEquals"] = new JsonObject
                    {
                        ["aws:SourceArn"] = new JsonArray(ruleArns.Select(a => (JsonNode)JsonValue.Create(a)).ToArray()),
                    },
                },
            }),
        };
        var request = new SetQueueAttributesRequest
        {
            QueueUrl = queue.Url,
            Attributes = new Dictionary<string, string>(StringComparer.Ordinal) { ["Policy"] = policy.ToJsonString() },
        };
        await AwsErrorMapping.Guard(
            "SetQueueAttributes", () => _sqs.SetQueueAttributesAsync(request, cancellationToken), cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>The queue's URL, or null when it does not exist.</summary>
    public async Task<string?> FindQueueUrlAsync(string physicalName, CancellationToken cancellationToken)
    {
        try
        {
            var response = await _sqs.GetQueueUrlAsync(new GetQueueUrlRequest { QueueName = physicalName }, cancellationToken).ConfigureAwait(false);
            return response.QueueUrl;
        }
        catch (QueueDoesNotExistException)
        {
            return null;
        }
        catch (AmazonSQSException exception)
        {
            throw AwsErrorMapping.ToPortException("GetQueueUrl", exception);
        }
        catch (HttpRequestException exception)
        {
            throw AwsErrorMapping.ToPortException("GetQueueUrl", exception);
        }
    }

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

    private async Task<string?> GetAttributeAsync(string url, string name, CancellationToken cancellationToken)
    {
        var request = new GetQueueAttributesRequest { QueueUrl = url, AttributeNames = [name] };
        var response = await AwsErrorMapping.Guard(
            "GetQueueAttributes", () => _sqs.GetQueueAttributesAsync(request, cancellationToken), cancellationToken).ConfigureAwait(false);
        return response.Attributes is { } attributes && attributes.TryGetValue(name, out var value) ? value : null;
    }

    private static HashSet<string> DeadLetterQueueNames(ResourcePlan plan) =>
        plan.Queues.Where(q => q.RedrivePolicy is not null).Select(q => q.RedrivePolicy!.DeadLetterQueueName).ToHashSet(StringComparer.Ordinal);
}
