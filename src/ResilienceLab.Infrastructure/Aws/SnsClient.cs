using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using Amazon.Runtime;
using ResilienceLab.Stack.Ports;

namespace ResilienceLab.Infrastructure.Aws;

/// <summary>
/// The few SNS calls the stack needs, over the query protocol (<c>POST /</c>, form-encoded <c>Action=...</c>, XML
/// answers) and signed with SigV4, because the AWSSDK.SimpleNotificationService package is not available. Error answers
/// (<c>&lt;ErrorResponse&gt;&lt;Error&gt;&lt;Code&gt;</c>) become <see cref="PortException"/>s carrying the code, for
/// example <c>NotFound</c>. Every call is bounded and retried by an <see cref="AwsCallPolicy"/>.
/// </summary>
public sealed class SnsClient : IDisposable
{
    /// <summary>The error code SNS answers for a topic or subscription that does not exist.</summary>
    public const string NotFound = "NotFound";

    private const string ServiceName = "sns";
    private const string ApiVersion = "2010-03-31";
    private static readonly MediaTypeHeaderValue FormContentType = MediaTypeHeaderValue.Parse("application/x-www-form-urlencoded; charset=utf-8");

    private readonly SignedAwsHttp _http;

    /// <param name="httpClient">Sends the requests; not disposed by this client.</param>
    /// <param name="endpoint">The SNS endpoint, for example <c>https://sns.us-east-1.amazonaws.com/</c>.</param>
    /// <param name="region">The region the signature is scoped to.</param>
    /// <param name="credentials">The credentials that sign each request.</param>
    /// <param name="timeProvider">The clock for the signature's date, the timeouts and the pauses between attempts.</param>
    /// <param name="policy">The bound of every call; null for the default timeout and retries.</param>
    public SnsClient(HttpClient httpClient, Uri endpoint, string region, AWSCredentials credentials, TimeProvider timeProvider, AwsCallPolicy? policy = null)
        : this(SignedAwsHttp.OnClient(httpClient, endpoint, region, ServiceName, "SNS", credentials, timeProvider, policy))
    {
    }

    private SnsClient(SignedAwsHttp http) => _http = http;

    /// <summary>The endpoint requests go to.</summary>
    public Uri Endpoint => _http.Endpoint;

    /// <summary>The bound of every call (its description names the endpoint).</summary>
    public AwsCallPolicy Policy => _http.Policy;

    /// <summary>A client for the endpoint and region in <paramref name="options"/>, with credentials from the SDK chain.</summary>
    public static SnsClient Create(AwsEndpointOptions options, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new SnsClient(SignedAwsHttp.ForOptions(options, options.ResolveSnsEndpoint(), ServiceName, options.SnsPolicy(timeProvider), timeProvider));
    }

    /// <summary>CreateTopic (idempotent for the same name and tags); returns the topic ARN.</summary>
    public async Task<string> CreateTopicAsync(string name, IReadOnlyDictionary<string, string>? tags = null, CancellationToken cancellationToken = default)
    {
        var parameters = new List<KeyValuePair<string, string>> { new("Name", name) };
        var i = 1;
        foreach (var (key, value) in tags ?? new Dictionary<string, string>())
        {
            parameters.Add(new($"Tags.member.{i}.Key", key));
            parameters.Add(new($"Tags.member.{i}.Value", value));
            i++;
        }

        var result = await InvokeAsync("CreateTopic", parameters, cancellationToken).ConfigureAwait(false);
        return Text(result, "TopicArn") ?? string.Empty;
    }

    /// <summary>ListTopics, every page: the topic ARNs.</summary>
    public async Task<IReadOnlyList<string>> ListTopicsAsync(CancellationToken cancellationToken = default)
    {
        var arns = new List<string>();
        string? next = null;
        do
        {
            var parameters = new List<KeyValuePair<string, string>>();
            if (next is not null)
            {
                parameters.Add(new("NextToken", next));
            }

            var result = await InvokeAsync("ListTopics", parameters, cancellationToken).ConfigureAwait(false);
            arns.AddRange(Members(result, "Topics").Select(m => Text(m, "TopicArn")).OfType<string>());
            next = NextPage(next, Text(result, "NextToken"));
        }
        while (next is not null);

        return arns;
    }

    /// <summary>The ARN of the topic named <paramref name="name"/>, or null when there is none (ListTopics, as SNS has no lookup by name).</summary>
    public async Task<string?> FindTopicArnAsync(string name, CancellationToken cancellationToken = default) =>
        (await ListTopicsAsync(cancellationToken).ConfigureAwait(false)).FirstOrDefault(arn => arn.EndsWith(":" + name, StringComparison.Ordinal));

    /// <summary>DeleteTopic (its subscriptions go with it).</summary>
    public Task DeleteTopicAsync(string topicArn, CancellationToken cancellationToken = default) =>
        InvokeAsync("DeleteTopic", [new("TopicArn", topicArn)], cancellationToken);

    /// <summary>ListTagsForResource for a topic ARN.</summary>
    public async Task<IReadOnlyDictionary<string, string>> ListTagsForResourceAsync(string resourceArn, CancellationToken cancellationToken = default)
    {
        var result = await InvokeAsync("ListTagsForResource", [new("ResourceArn", resourceArn)], cancellationToken).ConfigureAwait(false);
        var tags = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var member in Members(result, "Tags"))
        {
            if (Text(member, "Key") is { } key)
            {
                tags[key] = Text(member, "Value") ?? string.Empty;
            }
        }

        return tags;
    }

    /// <summary>Subscribe an SQS queue (by ARN) to the topic; returns the subscription ARN. Idempotent for the same queue.</summary>
    public async Task<string> SubscribeQueueAsync(string topicArn, string queueArn, CancellationToken cancellationToken = default)
    {
        var result = await InvokeAsync(
            "Subscribe",
            [new("TopicArn", topicArn), new("Protocol", "sqs"), new("Endpoint", queueArn), new("ReturnSubscriptionArn", "true")],
            cancellationToken).ConfigureAwait(false);
        return Text(result, "SubscriptionArn") ?? string.Empty;
    }

    /// <summary>ListSubscriptionsByTopic, every page.</summary>
    public async Task<IReadOnlyList<SnsSubscription>> ListSubscriptionsByTopicAsync(string topicArn, CancellationToken cancellationToken = default)
    {
        var subscriptions = new List<SnsSubscription>();
        string? next = null;
        do
        {
            var parameters = new List<KeyValuePair<string, string>> { new("TopicArn", topicArn) };
            if (next is not null)
            {
                parameters.Add(new("NextToken", next));
            }

            var result = await InvokeAsync("ListSubscriptionsByTopic", parameters, cancellationToken).ConfigureAwait(false);
            subscriptions.AddRange(Members(result, "Subscriptions").Select(m => new SnsSubscription(
                Text(m, "SubscriptionArn") ?? string.Empty, Text(m, "Protocol") ?? string.Empty, Text(m, "Endpoint") ?? string.Empty)));
            next = NextPage(next, Text(result, "NextToken"));
        }
        while (next is not null);

        return subscriptions;
    }

    /// <summary>Unsubscribe.</summary>
    public Task UnsubscribeAsync(string subscriptionArn, CancellationToken cancellationToken = default) =>
        InvokeAsync("Unsubscribe", [new("SubscriptionArn", subscriptionArn)], cancellationToken);

    /// <summary>Publish a message with String message attributes; returns its MessageId.</summary>
    public async Task<string> PublishAsync(string topicArn, string message, IReadOnlyDictionary<string, string>? attributes = null, CancellationToken cancellationToken = default)
    {
        var parameters = new List<KeyValuePair<string, string>> { new("TopicArn", topicArn), new("Message", message) };
        var i = 1;
        foreach (var (name, value) in attributes ?? new Dictionary<string, string>())
        {
            parameters.Add(new($"MessageAttributes.entry.{i}.Name", name));
            parameters.Add(new($"MessageAttributes.entry.{i}.Value.DataType", "String"));
            parameters.Add(new($"MessageAttributes.entry.{i}.Value.StringValue", value));
            i++;
        }

        var result = await InvokeAsync("Publish", parameters, cancellationToken).ConfigureAwait(false);
        return Text(result, "MessageId") ?? string.Empty;
    }

    public void Dispose() => _http.Dispose();

    /// <summary>The form body: <c>Action</c>, <c>Version</c> and the parameters, percent-encoded as SigV4 expects.</summary>
    internal static string FormBody(string action, IEnumerable<KeyValuePair<string, string>> parameters) =>
        string.Join('&', new[] { new KeyValuePair<string, string>("Action", action), new("Version", ApiVersion) }
            .Concat(parameters)
            .Select(p => $"{Uri.EscapeDataString(p.Key)}={Uri.EscapeDataString(p.Value)}"));

    private async Task<XElement?> InvokeAsync(string action, IEnumerable<KeyValuePair<string, string>> parameters, CancellationToken cancellationToken)
    {
        var text = await _http.PostAsync(
            action,
            Encoding.UTF8.GetBytes(FormBody(action, parameters)),
            FormContentType,
            [],
            (status, answer, _) => Error(action, status, answer),
            cancellationToken).ConfigureAwait(false);
        return Parse(text)?.Root is { } root ? Child(root, action + "Result") : null;
    }

    // An endpoint that hands back the token it was given would page forever.
    private static string? NextPage(string? previous, string? next) =>
        string.IsNullOrEmpty(next) || next == previous ? null : next;

    private static PortException Error(string action, HttpStatusCode status, string text)
    {
        var error = Parse(text)?.Root is { } root ? Descendant(root, "Error") : null;
        var code = (error is null ? null : Text(error, "Code")) ?? ((int)status).ToString(CultureInfo.InvariantCulture);
        var message = (error is null ? null : Text(error, "Message")) ?? status.ToString();
        return new PortException(action, code, $"{action} failed: {code} ({(int)status}): {message}", AwsErrorMapping.IsTransient(code, status));
    }

    private static XDocument? Parse(string text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        try
        {
            return XDocument.Parse(text);
        }
        catch (XmlException)
        {
            return null;
        }
    }

    // SNS answers in its namespace; names are matched without it.
    private static XElement? Child(XElement parent, string name) => parent.Elements().FirstOrDefault(e => e.Name.LocalName == name);

    private static XElement? Descendant(XElement parent, string name) => parent.Descendants().FirstOrDefault(e => e.Name.LocalName == name);

    private static string? Text(XElement? parent, string name) => parent is null ? null : Child(parent, name)?.Value;

    private static IEnumerable<XElement> Members(XElement? parent, string list) =>
        parent is not null && Child(parent, list) is { } element ? element.Elements().Where(e => e.Name.LocalName == "member") : [];
}
