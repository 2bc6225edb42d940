using System.Globalization;
using System.Text.Json;
using ResilienceLab.Infrastructure.Provisioning;

namespace ResilienceLab.Infrastructure.Aws;

/// <summary>
/// How an existing SQS queue differs from its plan, by the attributes GetQueueAttributes returns: <c>VisibilityTimeout</c>,
/// <c>MessageRetentionPeriod</c>, and the <c>RedrivePolicy</c>'s dead-letter target (compared by queue name, so ARNs of
/// any account or emulator compare) and <c>maxReceiveCount</c>.
/// </summary>
internal static class QueueDrift
{
    /// <summary>The attributes <see cref="Compare"/> reads.</summary>
    public static readonly IReadOnlyList<string> AttributeNames = ["QueueArn", "VisibilityTimeout", "MessageRetentionPeriod", "RedrivePolicy"];

    /// <param name="plan">The queue as planned.</param>
    /// <param name="deadLetterPhysicalName">The physical name of the planned dead-letter queue, when the plan has a redrive policy.</param>
    /// <param name="attributes">The queue's attributes as read.</param>
    public static IReadOnlyList<ResourceDifference> Compare(QueuePlan plan, string? deadLetterPhysicalName, IReadOnlyDictionary<string, string> attributes)
    {
        var differences = new List<ResourceDifference>();
        AddIfDifferent(differences, "VisibilityTimeout", plan.VisibilityTimeoutSeconds, attributes);
        AddIfDifferent(differences, "MessageRetentionPeriod", plan.MessageRetentionSeconds, attributes);

        var found = attributes.TryGetValue("RedrivePolicy", out var text) && !string.IsNullOrWhiteSpace(text) ? ReadRedrive(text) : null;
        if (plan.RedrivePolicy is { } redrive)
        {
            if (found is null)
            {
                differences.Add(new ResourceDifference("RedrivePolicy", $"redrive to {deadLetterPhysicalName} after {redrive.MaxReceiveCount} receives", "none"));
                return differences;
            }

            if (QueueName(found.Value.Target) != deadLetterPhysicalName)
            {
                differences.Add(new ResourceDifference("RedrivePolicy.deadLetterTargetArn", $"the queue {deadLetterPhysicalName}", found.Value.Target ?? "none"));
            }

            if (found.Value.MaxReceiveCount != redrive.MaxReceiveCount)
            {
                differences.Add(new ResourceDifference(
                    "RedrivePolicy.maxReceiveCount", redrive.MaxReceiveCount.ToString(CultureInfo.InvariantCulture), found.Value.MaxReceiveCount?.ToString(CultureInfo.InvariantCulture) ?? "none"));
            }
        }
        else if (found is not null)
        {
            differences.Add(new ResourceDifference("RedrivePolicy", "none", $"redrive to {QueueName(found.Value.Target)} after {found.Value.MaxReceiveCount} receives"));
        }

        return differences;
    }

    /// <summary>The queue name at the end of an SQS ARN (<c>arn:aws:sqs:REGION:ACCOUNT:NAME</c>) or URL.</summary>
    public static string? QueueName(string? arnOrUrl)
    {
        if (string.IsNullOrEmpty(arnOrUrl))
        {
            return null;
        }

        var cut = arnOrUrl.LastIndexOfAny([':', '/']);
        return cut < 0 ? arnOrUrl : arnOrUrl[(cut + 1)..];
    }

    private static void AddIfDifferent(List<ResourceDifference> differences, string field, int expected, IReadOnlyDictionary<string, string> attributes)
    {
        var found = attributes.TryGetValue(field, out var text) ? text : null;
        if (found != expected.ToString(CultureInfo.InvariantCulture))
        {
            differences.Add(new ResourceDifference(field, expected.ToString(CultureInfo.InvariantCulture), found ?? "none"));
        }
    }

    // maxReceiveCount is a number in AWS's answers and a string in some emulators'.
    private static (string? Target, int? MaxReceiveCount)? ReadRedrive(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            var root = document.RootElement;
            var target = root.TryGetProperty("deadLetterTargetArn", out var arn) && arn.ValueKind == JsonValueKind.String ? arn.GetString() : null;
            int? count = null;
            if (root.TryGetProperty("maxReceiveCount", out var max))
            {
                count = max.ValueKind switch
                {
                    JsonValueKind.Number when max.TryGetInt32(out var n) => n,
                    JsonValueKind.String when int.TryParse(max.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) => n,
                    _ => null,
                };
            }

            return (target, count);
        }
        catch (JsonException)
        {
            return (text, null);
        }
    }
}
