using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Amazon.Runtime;
using ResilienceLab.Stack.Ports;

namespace ResilienceLab.Infrastructure.Aws;

/// <summary>
/// The few EventBridge calls the stack needs, over the JSON 1.1 protocol (<c>POST /</c>,
/// <c>X-Amz-Target: AWSEvents.&lt;Operation&gt;</c>) and signed with SigV4, because the AWSSDK.EventBridge
/// package is not available. Errors (<c>__type</c> in the body) become <see cref="PortException"/>s
/// carrying the error code, for example <c>ResourceAlreadyExistsException</c> or <c>ResourceNotFoundException</c>.
/// Every call is bounded and retried by an <see cref="AwsCallPolicy"/>.
/// </summary>
public sealed class EventBridgeClient : IDisposable
{
    /// <summary>The error code EventBridge answers when a bus already exists.</summary>
    public const string ResourceAlreadyExists = "ResourceAlreadyExistsException";

    /// <summary>The error code EventBridge answers when a bus or rule does not exist.</summary>
    public const string ResourceNotFound = "ResourceNotFoundException";

    private const string ServiceName = "events";
    private const string TargetPrefix = "AWSEvents.";
    private static readonly MediaTypeHeaderValue JsonContentType = new("application/x-amz-json-1.1");

    private readonly SignedAwsHttp _http;

    /// <param name="httpClient">Sends the requests; not disposed by this client.</param>
    /// <param name="endpoint">The EventBridge endpoint, for example <c>https://events.us-east-1.amazonaws.com/</c>.</param>
    /// <param name="region">The region the signature is scoped to.</param>
    /// <param name="credentials">The credentials that sign each request.</param>
    /// <param name="timeProvider">The clock for the signature's date, the timeouts and the pauses between attempts.</param>
    /// <param name="policy">The bound of every call; null for the default timeout and retries.</param>
    public EventBridgeClient(HttpClient httpClient, Uri endpoint, string region, AWSCredentials credentials, TimeProvider timeProvider, AwsCallPolicy? policy = null)
        : this(SignedAwsHttp.OnClient(httpClient, endpoint, region, ServiceName, "EventBridge", credentials, timeProvider, policy))
    {
    }

    private EventBridgeClient(SignedAwsHttp http) => _http = http;

    /// <summary>The endpoint requests go to.</summary>
    public Uri Endpoint => _http.Endpoint;

    /// <summary>The bound of every call (its description names the endpoint).</summary>
    public AwsCallPolicy Policy => _http.Policy;

    /// <summary>A client for the endpoint and region in <paramref name="options"/>, with credentials from the SDK chain.</summary>
    public static EventBridgeClient Create(AwsEndpointOptions options, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new EventBridgeClient(SignedAwsHttp.ForOptions(options, options.ResolveEventsEndpoint(), ServiceName, options.EventsPolicy(timeProvider), timeProvider));
    }

    /// <summary>CreateEventBus; returns the bus ARN.</summary>
    public async Task<string> CreateEventBusAsync(string name, IReadOnlyDictionary<string, string>? tags = null, CancellationToken cancellationToken = default)
    {
        var body = new JsonObject { ["Name"] = name };
        AddTags(body, tags);
        var response = await InvokeAsync("CreateEventBus", body, cancellationToken).ConfigureAwait(false);
        return response?["EventBusArn"]?.GetValue<string>() ?? string.Empty;
    }

    /// <summary>DescribeEventBus; null when the bus does not exist.</summary>
    public async Task<EventBusDescription?> DescribeEventBusAsync(string name, CancellationToken cancellationToken = default)
    {
        try
        {
            var response = await InvokeAsync("DescribeEventBus", new JsonObject { ["Name"] = name }, cancellationToken).ConfigureAwait(false);
            return new EventBusDescription(
                response?["Name"]?.GetValue<string>() ?? name,
                response?["Arn"]?.GetValue<string>() ?? string.Empty);
        }
        catch (PortException exception) when (exception.ErrorCode == ResourceNotFound)
        {
            return null;
        }
    }

    /// <summary>DeleteEventBus.</summary>
    public Task DeleteEventBusAsync(string name, CancellationToken cancellationToken = default) =>
        InvokeAsync("DeleteEventBus", new JsonObject { ["Name"] = name }, cancellationToken);

    /// <summary>PutRule (creates or updates an enabled rule with an event pattern); returns the rule ARN.</summary>
    public async Task<string> PutRuleAsync(
        string name,
        string eventBusName,
        string eventPattern,
        string? description = null,
        IReadOnlyDictionary<string, string>? tags = null,
        CancellationToken cancellationToken = default)
    {
        var body = new JsonObject
        {
            ["Name"] = name,
            ["EventBusName"] = eventBusName,
            ["EventPattern"] = eventPattern,
            ["State"] = "ENABLED",
        };
        if (description is not null)
        {
            body["Description"] = description;
        }

        AddTags(body, tags);
        var response = await InvokeAsync("PutRule", body, cancellationToken).ConfigureAwait(false);
        return response?["RuleArn"]?.GetValue<string>() ?? string.Empty;
    }

    /// <summary>DescribeRule; null when the rule does not exist.</summary>
    public async Task<EventRuleDescription?> DescribeRuleAsync(string name, string eventBusName, CancellationToken cancellationToken = default)
    {
        try
        {
            var response = await InvokeAsync(
                "DescribeRule", new JsonObject { ["Name"] = name, ["EventBusName"] = eventBusName }, cancellationToken).ConfigureAwait(false);
            return new EventRuleDescription(
                response?["Name"]?.GetValue<string>() ?? name,
                response?["Arn"]?.GetValue<string>() ?? string.Empty,
                response?["EventPattern"]?.GetValue<string>(),
                response?["State"]?.GetValue<string>());
        }
        catch (PortException exception) when (exception.ErrorCode == ResourceNotFound)
        {
            return null;
        }
    }

    /// <summary>DeleteRule (its targets must be removed first).</summary>
    public Task DeleteRuleAsync(string name, string eventBusName, CancellationToken cancellationToken = default) =>
        InvokeAsync("DeleteRule", new JsonObject { ["Name"] = name, ["EventBusName"] = eventBusName }, cancellationToken);

    /// <summary>PutTargets; throws <see cref="PortException"/> naming each target EventBridge refused.</summary>
    public async Task PutTargetsAsync(string rule, string eventBusName, IReadOnlyList<EventRuleTarget> targets, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(targets);
        var body = new JsonObject
        {
            ["Rule"] = rule,
            ["EventBusName"] = eventBusName,
            ["Targets"] = new JsonArray(targets.Select(t => (JsonNode)new JsonObject { ["Id"] = t.Id, ["Arn"] = t.Arn }).ToArray()),
        };
        var response = await InvokeAsync("PutTargets", body, cancellationToken).ConfigureAwait(false);
        ThrowOnFailedEntries("PutTargets", response);
    }

    /// <summary>ListTargetsByRule (first page of up to 100, more than a rule of this stack has).</summary>
    public async Task<IReadOnlyList<EventRuleTarget>> ListTargetsByRuleAsync(string rule, string eventBusName, CancellationToken cancellationToken = default)
    {
        var response = await InvokeAsync(
            "ListTargetsByRule", new JsonObject { ["Rule"] = rule, ["EventBusName"] = eventBusName, ["Limit"] = 100 }, cancellationToken).ConfigureAwait(false);
        return (response?["Targets"] as JsonArray ?? [])
            .OfType<JsonObject>()
            .Select(t => new EventRuleTarget(t["Id"]?.GetValue<string>() ?? string.Empty, t["Arn"]?.GetValue<string>() ?? string.Empty))
            .ToArray();
    }

    /// <summary>RemoveTargets; throws <see cref="PortException"/> naming each target that could not be removed.</summary>
    public async Task RemoveTargetsAsync(string rule, string eventBusName, IReadOnlyList<string> ids, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var body = new JsonObject
        {
            ["Rule"] = rule,
            ["EventBusName"] = eventBusName,
            ["Ids"] = new JsonArray(ids.Select(id => (JsonNode)JsonValue.Create(id)).ToArray()),
        };
        var response = await InvokeAsync("RemoveTargets", body, cancellationToken).ConfigureAwait(false);
        ThrowOnFailedEntries("RemoveTargets", response);
    }

    /// <summary>ListTagsForResource for a bus or rule ARN.</summary>
    public async Task<IReadOnlyDictionary<string, string>> ListTagsForResourceAsync(string resourceArn, CancellationToken cancellationToken = default)
    {
        var response = await InvokeAsync("ListTagsForResource", new JsonObject { ["ResourceARN"] = resourceArn }, cancellationToken).ConfigureAwait(false);
        var tags = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var tag in (response?["Tags"] as JsonArray ?? []).OfType<JsonObject>())
        {
            if (tag["Key"]?.GetValue<string>() is { } key)
            {
                tags[key] = tag["Value"]?.GetValue<string>() ?? string.Empty;
            }
        }

        return tags;
    }

    /// <summary>PutEvents with up to 10 entries; per-entry failures come back in the result, in request order.</summary>
    public async Task<PutEventsResult> PutEventsAsync(IReadOnlyList<EventEntry> entries, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entries);
        if (entries.Count > AwsConstants.MaxBatchSize)
        {
            throw new ArgumentOutOfRangeException(nameof(entries), entries.Count, $"PutEvents takes at most {AwsConstants.MaxBatchSize} entries.");
        }

        if (entries.Count == 0)
        {
            return new PutEventsResult(0, []);
        }

        var body = new JsonObject
        {
            ["Entries"] = new JsonArray(entries.Select(e => (JsonNode)new JsonObject
            {
                ["Source"] = e.Source,
                ["DetailType"] = e.DetailType,
                ["Detail"] = e.Detail,
                ["EventBusName"] = e.EventBusName,
            }).ToArray()),
        };
        var response = await InvokeAsync("PutEvents", body, cancellationToken).ConfigureAwait(false);
        var results = (response?["Entries"] as JsonArray ?? [])
            .Select(node => node as JsonObject)
            .Select(e => new PutEventsResultEntry(
                e?["EventId"]?.GetValue<string>(),
                e?["ErrorCode"]?.GetValue<string>(),
                e?["ErrorMessage"]?.GetValue<string>()))
            .ToList();

        // EventBridge answers one entry per request entry; anything missing is reported as failed, never as sent.
        while (results.Count < entries.Count)
        {
            results.Add(new PutEventsResultEntry(null, "MissingResultEntry", "PutEvents returned fewer result entries than were sent"));
        }

        return new PutEventsResult(results.Count(r => r.Failed), results);
    }

    public void Dispose() => _http.Dispose();

    private async Task<JsonNode?> InvokeAsync(string operation, JsonObject body, CancellationToken cancellationToken)
    {
        var text = await _http.PostAsync(
            operation,
            Encoding.UTF8.GetBytes(body.ToJsonString()),
            JsonContentType,
            [new("X-Amz-Target", TargetPrefix + operation)],
            (status, answer, headers) => Error(operation, status, answer, headers),
            cancellationToken).ConfigureAwait(false);
        return TryParse(text);
    }

    private static PortException Error(string operation, HttpStatusCode status, string text, HttpResponseHeaders headers)
    {
        var json = TryParse(text);
        var code = ErrorCode(json, headers) ?? ((int)status).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var message = json?["message"]?.GetValue<string>() ?? json?["Message"]?.GetValue<string>() ?? status.ToString();
        return new PortException(operation, code, $"{operation} failed: {code} ({(int)status}): {message}", AwsErrorMapping.IsTransient(code, status));
    }

    private static void ThrowOnFailedEntries(string operation, JsonNode? response)
    {
        var failed = (response?["FailedEntries"] as JsonArray ?? []).OfType<JsonObject>().ToList();
        if (failed.Count == 0)
        {
            return;
        }

        var described = string.Join(", ", failed.Select(f =>
            $"{f["TargetId"]?.GetValue<string>()}: {f["ErrorCode"]?.GetValue<string>()} ({f["ErrorMessage"]?.GetValue<string>()})"));
        var code = failed[0]["ErrorCode"]?.GetValue<string>() ?? "FailedEntries";
        throw new PortException(operation, code, $"{operation} failed for {failed.Count} target(s): {described}", isTransient: false);
    }

    private static string? ErrorCode(JsonNode? json, HttpResponseHeaders headers)
    {
        var type = json?["__type"]?.GetValue<string>();
        if (type is null && headers.TryGetValues("x-amzn-ErrorType", out var values))
        {
            type = values.FirstOrDefault();
        }

        if (string.IsNullOrEmpty(type))
        {
            return null;
        }

        // "__type" may be namespaced ("com.amazonaws.events#ResourceNotFoundException"), the header may carry a ":url" suffix.
        var hash = type.LastIndexOf('#');
        if (hash >= 0)
        {
            type = type[(hash + 1)..];
        }

        var colon = type.IndexOf(':', StringComparison.Ordinal);
        return colon >= 0 ? type[..colon] : type;
    }

    private static void AddTags(JsonObject body, IReadOnlyDictionary<string, string>? tags)
    {
        if (tags is { Count: > 0 })
        {
            body["Tags"] = new JsonArray(tags.Select(t => (JsonNode)new JsonObject { ["Key"] = t.Key, ["Value"] = t.Value }).ToArray());
        }
    }

    private static JsonNode? TryParse(string text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(text);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
