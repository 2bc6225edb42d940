using System.Globalization;
using Amazon.DynamoDBv2.Model;
using ResilienceLab.Stack.Ports;

namespace ResilienceLab.Infrastructure.Aws;

/// <summary>
/// Maps a <see cref="BreakerItem"/> to and from a DynamoDB item with the document's snake_case attribute
/// names (<c>service_name</c>, <c>state</c>, <c>failure_count</c>, ...) plus <c>total_successes</c>,
/// <c>total_failures</c>, <c>instance_failures</c> (a map), <c>version</c> and <c>updated_at</c>.
/// </summary>
internal static class BreakerItemAttributes
{
    public const string ServiceName = "service_name";
    public const string State = "state";
    public const string FailureCount = "failure_count";
    public const string LastFailureTime = "last_failure_time";
    public const string FailureThreshold = "failure_threshold";
    public const string TimeoutSeconds = "timeout_seconds";
    public const string HalfOpenMaxCalls = "half_open_max_calls";
    public const string HalfOpenCalls = "half_open_calls";
    public const string TotalSuccesses = "total_successes";
    public const string TotalFailures = "total_failures";
    public const string InstanceFailures = "instance_failures";
    public const string Version = "version";
    public const string UpdatedAt = "updated_at";

    public static Dictionary<string, AttributeValue> ToItem(BreakerItem item) => new(StringComparer.Ordinal)
    {
        [ServiceName] = new AttributeValue { S = item.ServiceName },
        [State] = new AttributeValue { S = item.State },
        [FailureCount] = Number(item.FailureCount),
        [LastFailureTime] = Number(item.LastFailureTime),
        [FailureThreshold] = Number(item.FailureThreshold),
        [TimeoutSeconds] = Number(item.TimeoutSeconds),
        [HalfOpenMaxCalls] = Number(item.HalfOpenMaxCalls),
        [HalfOpenCalls] = Number(item.HalfOpenCalls),
        [TotalSuccesses] = Number(item.TotalSuccesses),
        [TotalFailures] = Number(item.TotalFailures),
        [InstanceFailures] = new AttributeValue
        {
            M = item.InstanceFailures.ToDictionary(pair => pair.Key, pair => Number(pair.Value), StringComparer.Ordinal),
        },
        [Version] = Number(item.Version),
        [UpdatedAt] = Number(item.UpdatedAt),
    };

    public static BreakerItem FromItem(Dictionary<string, AttributeValue> item)
    {
        var instanceFailures = new Dictionary<string, int>(StringComparer.Ordinal);
        if (item.TryGetValue(InstanceFailures, out var map) && map.M is not null)
        {
            foreach (var (instance, value) in map.M)
            {
                instanceFailures[instance] = (int)ParseLong(value);
            }
        }

        return new BreakerItem
        {
            ServiceName = String(item, ServiceName) ?? string.Empty,
            State = String(item, State) ?? "CLOSED",
            FailureCount = (int)Long(item, FailureCount, 0),
            LastFailureTime = Double(item, LastFailureTime, 0),
            FailureThreshold = (int)Long(item, FailureThreshold, 5),
            TimeoutSeconds = (int)Long(item, TimeoutSeconds, 60),
            HalfOpenMaxCalls = (int)Long(item, HalfOpenMaxCalls, 3),
            HalfOpenCalls = (int)Long(item, HalfOpenCalls, 0),
            TotalSuccesses = Long(item, TotalSuccesses, 0),
            TotalFailures = Long(item, TotalFailures, 0),
            InstanceFailures = instanceFailures,
            Version = Long(item, Version, 0),
            UpdatedAt = Double(item, UpdatedAt, 0),
        };
    }

    public static AttributeValue Number(long value) => new() { N = value.ToString(CultureInfo.InvariantCulture) };

    public static AttributeValue Number(double value) => new() { N = value.ToString("R", CultureInfo.InvariantCulture) };

    private static string? String(Dictionary<string, AttributeValue> item, string name) =>
        item.TryGetValue(name, out var value) ? value.S : null;

    private static long Long(Dictionary<string, AttributeValue> item, string name, long fallback) =>
        item.TryGetValue(name, out var value) && value.N is not null ? ParseLong(value) : fallback;

    private static double Double(Dictionary<string, AttributeValue> item, string name, double fallback) =>
        item.TryGetValue(name, out var value) && value.N is not null
            ? double.Parse(value.N, NumberStyles.Float, CultureInfo.InvariantCulture)
            : fallback;

    // DynamoDB numbers written by other tools (the document's boto3 code) may carry a fraction.
    private static long ParseLong(AttributeValue value) =>
        value.N is null ? 0 : (long)decimal.Parse(value.N, NumberStyles.Float, CultureInfo.InvariantCulture);
}
