using System.Globalization;
using Amazon.SQS;
using Amazon.SQS.Model;
using ResilienceLab.Stack.Ports;

namespace ResilienceLab.Infrastructure.Aws;

/// <summary>
/// <see cref="IMessageQueue"/> on an SQS queue through <see cref="IAmazonSQS"/>.
/// Message attributes travel as SQS String attributes. A batch whose entries partly fail has the
/// failed entries sent once more when SQS says the fault was not the sender's; entries still
/// failing after that (or failing by the sender's fault) raise a <see cref="PortException"/> naming each.
/// Every call is bounded and retried by an <see cref="AwsCallPolicy"/> (a long poll waits its wait time on top).
/// </summary>
public sealed class SqsMessageQueue : IMessageQueue
{
    private const string ReceiveCountAttribute = "ApproximateReceiveCount";
    private readonly IAmazonSQS _sqs;
    private readonly AwsCallPolicy _calls;

    /// <param name="sqs">The SQS client (its endpoint, region and credentials).</param>
    /// <param name="name">The queue's logical name, for example <c>orders</c>.</param>
    /// <param name="queueUrl">The queue's URL as CreateQueue or GetQueueUrl returned it.</param>
    /// <param name="calls">The bound of every call.</param>
    public SqsMessageQueue(IAmazonSQS sqs, string name, string queueUrl, AwsCallPolicy calls)
    {
        ArgumentNullException.ThrowIfNull(sqs);
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentException.ThrowIfNullOrEmpty(queueUrl);
        ArgumentNullException.ThrowIfNull(calls);
        _sqs = sqs;
        _calls = calls;
        Name = name;
        QueueUrl = queueUrl;
    }

    public string Name { get; }

    /// <summary>The queue's URL.</summary>
    public string QueueUrl { get; }

    public async ValueTask<string> SendAsync(OutgoingMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        var request = new SendMessageRequest
        {
            QueueUrl = QueueUrl,
            MessageBody = message.Body,
            MessageAttributes = ToMessageAttributes(message.Attributes),
        };
        var response = await _calls.ExecuteAsync(
            "SendMessage", token => _sqs.SendMessageAsync(request, token), cancellationToken).ConfigureAwait(false);
        return response.MessageId ?? string.Empty;
    }

    public async ValueTask<IReadOnlyList<string>> SendBatchAsync(IReadOnlyList<OutgoingMessage> messages, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        if (messages.Count == 0)
        {
            return [];
        }

        if (messages.Count > AwsConstants.MaxBatchSize)
        {
            throw new ArgumentOutOfRangeException(nameof(messages), messages.Count, $"SQS takes at most {AwsConstants.MaxBatchSize} messages per batch.");
        }

        var ids = new string?[messages.Count];
        var pending = Enumerable.Range(0, messages.Count).ToList();
        IReadOnlyList<BatchResultErrorEntry> failures = [];
        for (var attempt = 0; attempt < 2 && pending.Count > 0; attempt++)
        {
            failures = await SendEntriesAsync(messages, pending, ids, cancellationToken).ConfigureAwait(false);
            if (failures.Any(f => f.SenderFault == true))
            {
                break;
            }

            pending = failures.Select(f => int.Parse(f.Id, CultureInfo.InvariantCulture)).ToList();
        }

        if (failures.Count > 0)
        {
            throw BatchFailure(failures);
        }

        return ids.Select(id => id ?? string.Empty).ToArray();
    }

    public async ValueTask<IReadOnlyList<ReceivedMessage>> ReceiveAsync(int maxMessages, TimeSpan waitTime, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxMessages, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxMessages, AwsConstants.MaxBatchSize);
        var waitSeconds = (int)Math.Clamp(Math.Ceiling(waitTime.TotalSeconds), 0, AwsConstants.MaxWaitTimeSeconds);
        var request = new ReceiveMessageRequest
        {
            QueueUrl = QueueUrl,
            MaxNumberOfMessages = maxMessages,
            WaitTimeSeconds = waitSeconds,
            MessageSystemAttributeNames = [ReceiveCountAttribute],
            MessageAttributeNames = ["All"],
        };
        var response = await _calls.ExecuteAsync(
            "ReceiveMessage", token => _sqs.ReceiveMessageAsync(request, token), cancellationToken, TimeSpan.FromSeconds(waitSeconds)).ConfigureAwait(false);
        if (response.Messages is not { Count: > 0 } messages)
        {
            return [];
        }

        return messages.Select(ToReceivedMessage).ToArray();
    }

    public async ValueTask DeleteAsync(string receiptHandle, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(receiptHandle);
        var request = new DeleteMessageRequest { QueueUrl = QueueUrl, ReceiptHandle = receiptHandle };
        await _calls.ExecuteAsync(
            "DeleteMessage", token => _sqs.DeleteMessageAsync(request, token), cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<QueueDepth> GetDepthAsync(CancellationToken cancellationToken = default)
    {
        var request = new GetQueueAttributesRequest
        {
            QueueUrl = QueueUrl,
            AttributeNames = ["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"],
        };
        var response = await _calls.ExecuteAsync(
            "GetQueueAttributes", token => _sqs.GetQueueAttributesAsync(request, token), cancellationToken).ConfigureAwait(false);
        var attributes = response.Attributes ?? [];
        return new QueueDepth(
            ParseInt(attributes, "ApproximateNumberOfMessages"),
            ParseInt(attributes, "ApproximateNumberOfMessagesNotVisible"));
    }

    private async Task<IReadOnlyList<BatchResultErrorEntry>> SendEntriesAsync(
        IReadOnlyList<OutgoingMessage> messages, List<int> indexes, string?[] ids, CancellationToken cancellationToken)
    {
        // Entry ids are the message's index in the caller's list, so results map back in order.
        var request = new SendMessageBatchRequest
        {
            QueueUrl = QueueUrl,
            Entries = indexes.Select(i => new SendMessageBatchRequestEntry
            {
                Id = i.ToString(CultureInfo.InvariantCulture),
                MessageBody = messages[i].Body,
                MessageAttributes = ToMessageAttributes(messages[i].Attributes),
            }).ToList(),
        };
        var response = await _calls.ExecuteAsync(
            "SendMessageBatch", token => _sqs.SendMessageBatchAsync(request, token), cancellationToken).ConfigureAwait(false);
        foreach (var entry in response.Successful ?? [])
        {
            ids[int.Parse(entry.Id, CultureInfo.InvariantCulture)] = entry.MessageId;
        }

        return response.Failed ?? [];
    }

    private static PortException BatchFailure(IReadOnlyList<BatchResultErrorEntry> failures)
    {
        var described = string.Join(", ", failures.Select(f => $"entry {f.Id}: {f.Code} ({f.Message})"));
        var transient = failures.All(f => f.SenderFault != true);
        return new PortException(
            "SendMessageBatch",
            failures[0].Code ?? "BatchEntryFailed",
            $"SendMessageBatch failed for {failures.Count} entr{(failures.Count == 1 ? "y" : "ies")}: {described}",
            transient);
    }

    private static Dictionary<string, MessageAttributeValue>? ToMessageAttributes(IReadOnlyDictionary<string, string>? attributes)
    {
        if (attributes is null || attributes.Count == 0)
        {
            return null;
        }

        return attributes.ToDictionary(
            pair => pair.Key,
            pair => new MessageAttributeValue { DataType = "String", StringValue = pair.Value },
            StringComparer.Ordinal);
    }

    private static ReceivedMessage ToReceivedMessage(Message message)
    {
        var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in message.MessageAttributes ?? [])
        {
            if (value.StringValue is not null)
            {
                attributes[key] = value.StringValue;
            }
        }

        return new ReceivedMessage(
            message.MessageId ?? string.Empty,
            message.ReceiptHandle ?? string.Empty,
            message.Body ?? string.Empty,
            attributes,
            ParseInt(message.Attributes ?? [], ReceiveCountAttribute));
    }

    private static int ParseInt(Dictionary<string, string> attributes, string name) =>
        attributes.TryGetValue(name, out var text) && int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : 0;
}
