using ResilienceLab.Stack.Ports;

namespace ResilienceLab.Infrastructure.Aws;

/// <summary>
/// <see cref="ITopic"/> on an SNS topic through <see cref="SnsClient"/>. Subscribed SQS queues receive SNS's notification
/// envelope, whose <c>Message</c> field holds the published text and whose <c>MessageAttributes</c> hold the attributes.
/// </summary>
public sealed class SnsTopic : ITopic
{
    private readonly SnsClient _client;

    /// <param name="client">The SNS client.</param>
    /// <param name="name">The topic's logical name, for example <c>order-notifications</c>.</param>
    /// <param name="topicArn">The topic's ARN as CreateTopic returned it.</param>
    public SnsTopic(SnsClient client, string name, string topicArn)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentException.ThrowIfNullOrEmpty(topicArn);
        _client = client;
        Name = name;
        TopicArn = topicArn;
    }

    public string Name { get; }

    public string TopicArn { get; }

    public async ValueTask<string> PublishAsync(string message, IReadOnlyDictionary<string, string>? attributes = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        return await _client.PublishAsync(TopicArn, message, attributes, cancellationToken).ConfigureAwait(false);
    }
}
