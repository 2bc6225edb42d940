using System.Text.Json;
using System.Text.Json.Nodes;
using System.Xml;

namespace ResilienceLab.Infrastructure.Aws;

/// <summary>
/// Writes an AWS FIS experiment template for the faults FIS can inject into this stack, and lists the rest.
/// FIS reaches the stack's AWS dependencies only through the network: <c>aws:network:disrupt-connectivity</c>
/// on the subnets the stack runs in, scoped to <c>dynamodb</c> (a built-in scope) or, for SQS and EventBridge
/// (which have no scope of their own), to a managed <c>prefix-list</c> of the service endpoint's addresses
/// that the user supplies. FIS cannot return DynamoDB API errors, so a scenario's API fault on the breaker table
/// (<c>api_*</c>) becomes the closest thing, a <c>dynamodb</c> disruption, reported as an approximation. API faults on
/// queues, topics and the bus, and every HTTP and process fault, are listed as unsupported with their reason.
/// Placeholders in angle brackets (role ARN, subnet tag, prefix list) are for the user to fill in.
/// </summary>
public sealed class FisTemplateWriter
{
    /// <summary>The FIS action that denies traffic from the target subnets.</summary>
    public const string DisruptConnectivityAction = "aws:network:disrupt-connectivity";

    /// <summary>Placeholder for the experiment role.</summary>
    public const string RoleArnPlaceholder = "arn:aws:iam::<account-id>:role/<fis-experiment-role>";

    /// <summary>Placeholder value of the subnet tag that selects where the stack runs.</summary>
    public const string SubnetTagPlaceholder = "<value tagged on the subnets the stack runs in>";

    /// <summary>Placeholder for the managed prefix list holding a service endpoint's addresses.</summary>
    public const string PrefixListPlaceholder = "<id of a managed prefix list with the {0} endpoint's addresses>";

    private const string SubnetsTargetName = "stack-subnets";
    private static readonly TimeSpan MinimumDuration = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan MaximumDuration = TimeSpan.FromHours(12);
    private static readonly JsonSerializerOptions Indented = new()
    {
        WriteIndented = true,
        // The template is read by people and the aws CLI, not embedded in HTML: keep ' < > as they are.
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private readonly string _description;
    private readonly IReadOnlyDictionary<string, string> _tags;

    /// <param name="description">The template's description.</param>
    /// <param name="tags">Tags on the template; <c>CreatedBy=resilience-lab</c> is always added.</param>
    public FisTemplateWriter(string description = "ResilienceLab fault injection", IReadOnlyDictionary<string, string>? tags = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(description);
        _description = description;
        var all = new Dictionary<string, string>(tags ?? new Dictionary<string, string>(), StringComparer.Ordinal)
        {
            [AwsConstants.CreatedByTag] = AwsConstants.CreatedByValue,
        };
        _tags = all;
    }

    /// <summary>The template for the faults FIS can do, and the list of those it cannot.</summary>
    public FisTemplate Write(IReadOnlyList<FisFaultRequest> faults)
    {
        ArgumentNullException.ThrowIfNull(faults);
        var actions = new JsonObject();
        var unsupported = new List<FisUnsupportedFault>();
        var approximations = new List<FisApproximation>();
        foreach (var fault in faults)
        {
            var reason = UnsupportedReason(fault);
            if (reason is not null)
            {
                unsupported.Add(new FisUnsupportedFault(fault, reason));
                continue;
            }

            var service = ServiceOf(fault)!;
            var duration = fault.Duration;
            var description = $"{fault.Kind}: deny traffic from the stack's subnets to {service} for {fault.Duration}";
            if (IsApiKind(Normalize(fault.Kind)))
            {
                duration = Clamp(fault.Duration);
                var note = ApproximationNote(fault, duration);
                approximations.Add(new FisApproximation(fault, note));
                description = $"approximates {Label(fault)}: deny traffic from the stack's subnets to {service} for {Format(duration)}";
            }

            var parameters = new JsonObject { ["duration"] = XmlConvert.ToString(duration) };
            if (service == "dynamodb")
            {
                parameters["scope"] = "dynamodb";
            }
            else
            {
                parameters["scope"] = "prefix-list";
                parameters["prefixListIdentifier"] = string.Format(System.Globalization.CultureInfo.InvariantCulture, PrefixListPlaceholder, service);
            }

            actions[$"disrupt-{service}-{actions.Count + 1}"] = new JsonObject
            {
                ["actionId"] = DisruptConnectivityAction,
                ["description"] = description,
                ["parameters"] = parameters,
                ["targets"] = new JsonObject { ["Subnets"] = SubnetsTargetName },
            };
        }

        if (actions.Count == 0)
        {
            return new FisTemplate(null, 0, unsupported) { Approximations = approximations };
        }

        var template = new JsonObject
        {
            ["description"] = _description,
            ["targets"] = new JsonObject
            {
                [SubnetsTargetName] = new JsonObject
                {
                    ["resourceType"] = "aws:ec2:subnet",
                    ["resourceTags"] = new JsonObject { ["ResilienceLabFaultTarget"] = SubnetTagPlaceholder },
                    ["selectionMode"] = "ALL",
                },
            },
            ["actions"] = actions,
            ["stopConditions"] = new JsonArray(new JsonObject { ["source"] = "none" }),
            ["roleArn"] = RoleArnPlaceholder,
            ["tags"] = new JsonObject(_tags.Select(t => KeyValuePair.Create(t.Key, (JsonNode?)JsonValue.Create(t.Value)))),
        };
        return new FisTemplate(template.ToJsonString(Indented), actions.Count, unsupported) { Approximations = approximations };
    }

    /// <summary>Null when FIS can inject <paramref name="fault"/>; otherwise the one-line reason it cannot.</summary>
    internal static string? UnsupportedReason(FisFaultRequest fault)
    {
        var kind = Normalize(fault.Kind);
        var service = ServiceOf(fault);
        if (IsApiKind(kind))
        {
            return service switch
            {
                "dynamodb" => null,
                null => $"{Label(fault)}: '{fault.Target}' is no AWS resource FIS can reach",
                _ => $"{Label(fault)}: FIS has no {Describe(service, fault.Target)} API fault (its api-error actions reach only EC2 and Kinesis); ResilienceLab injects it at the client",
            };
        }

        if (kind.StartsWith("http_", StringComparison.Ordinal))
        {
            return $"{Label(fault)}: HTTP faults hit the dependency's WireMock server inside the harness, which FIS does not reach; ResilienceLab injects them there";
        }

        if (kind is "consumer_crash" or "poison_message")
        {
            return $"{Label(fault)}: consumers and producers run inside the harness process, which FIS does not reach; ResilienceLab injects it there";
        }

        if (IsNetworkKind(kind))
        {
            if (service is null)
            {
                return $"network disruption of '{fault.Target}': FIS disrupt-connectivity cuts subnet traffic to AWS services; "
                    + "an in-harness HTTP dependency is faulted by ResilienceLab at its WireMock server";
            }

            if (fault.Duration < MinimumDuration || fault.Duration > MaximumDuration)
            {
                return $"network disruption of {service} for {fault.Duration}: FIS disrupt-connectivity lasts from 1 minute to 12 hours";
            }

            return null;
        }

        if (kind.Contains("throttl", StringComparison.Ordinal))
        {
            return $"{Describe(service, fault.Target)} API throttling: FIS api-error actions reach only EC2 and Kinesis; ResilienceLab injects it at the client";
        }

        if (kind.Contains("error", StringComparison.Ordinal) || kind.Contains("unavailable", StringComparison.Ordinal))
        {
            return $"{Describe(service, fault.Target)} API errors: FIS api-error actions reach only EC2 and Kinesis; ResilienceLab injects them at the client";
        }

        if (kind.Contains("latency", StringComparison.Ordinal) || kind.Contains("delay", StringComparison.Ordinal))
        {
            return $"{Describe(service, fault.Target)} latency: FIS adds latency only on EC2/ECS/EKS hosts it controls, not to managed APIs or in-harness dependencies; ResilienceLab injects it at the client or server";
        }

        return $"{fault.Kind} on {fault.Target}: no FIS action injects this; ResilienceLab injects it itself";
    }

    private static string ApproximationNote(FisFaultRequest fault, TimeSpan duration)
    {
        var kind = Normalize(fault.Kind);
        var effect = kind switch
        {
            "api_throttle" => "throttling errors",
            "api_internal_error" => "500 InternalServerError",
            "api_unavailable" => "503 ServiceUnavailable",
            "api_latency" => "slow answers",
            _ => "API errors",
        };
        var note = $"{Label(fault)}: FIS cannot fault DynamoDB's API, so it cuts the stack's subnets off from DynamoDB (calls fail to connect instead of {effect})";
        if (duration != fault.Duration)
        {
            note += $"; lasts {Format(duration)}, not {Format(fault.Duration)} (FIS allows 1 minute to 12 hours)";
        }

        if (fault.Rate < 1)
        {
            note += $"; hits every call, not {fault.Rate.ToString("P0", System.Globalization.CultureInfo.InvariantCulture)}";
        }

        if (fault.Operations.Count > 0)
        {
            note += $"; hits every operation, not only {string.Join(", ", fault.Operations)}";
        }

        return note;
    }

    private static string Format(TimeSpan duration) => duration.TotalSeconds % 60 == 0
        ? $"{duration.TotalMinutes.ToString(System.Globalization.CultureInfo.InvariantCulture)} min"
        : $"{duration.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture)} s";

    private static TimeSpan Clamp(TimeSpan duration) =>
        duration < MinimumDuration ? MinimumDuration : duration > MaximumDuration ? MaximumDuration : duration;

    private static string Label(FisFaultRequest fault) =>
        fault.Name is null ? $"{fault.Kind} on '{fault.Target}'" : $"{fault.Name} ({fault.Kind} on '{fault.Target}')";

    private static string Normalize(string kind) => kind.Trim().ToLowerInvariant();

    private static bool IsApiKind(string kind) => kind.StartsWith("api_", StringComparison.Ordinal);

    private static string? ServiceOf(FisFaultRequest fault) => NormalizeService(fault.Service ?? fault.Target);

    private static bool IsNetworkKind(string kind) =>
        kind is "network-disruption" or "network-blackhole" or "disrupt-connectivity" or "unreachable" or "dependency-unreachable" or "network-partition";

    private static string Describe(string? service, string target) => service switch
    {
        "dynamodb" => "DynamoDB",
        "sqs" => "SQS",
        "events" => "EventBridge",
        "sns" => "SNS",
        _ => target,
    };

    private static string? NormalizeService(string target) => target.Trim().ToLowerInvariant() switch
    {
        "dynamodb" or "ddb" or "breaker-table" or "table" => "dynamodb",
        "sqs" or "queue" => "sqs",
        "events" or "eventbridge" or "event-bus" => "events",
        "sns" or "topic" => "sns",
        _ => null,
    };
}
