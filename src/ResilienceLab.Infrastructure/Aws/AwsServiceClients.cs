using Amazon.DynamoDBv2;
using Amazon.SQS;

namespace ResilienceLab.Infrastructure.Aws;

/// <summary>
/// The clients a <see cref="PlacedBackend"/> calls, one per service outside this process; a service without a client is
/// in-process. <see cref="SnsClient"/> and <see cref="EventBridgeClient"/> carry their own call bounds; SQS calls and
/// DynamoDB provisioning calls are bounded by <see cref="SqsCalls"/> and <see cref="DynamoDbCalls"/>.
/// </summary>
public sealed record AwsServiceClients
{
    public IAmazonSQS? Sqs { get; init; }

    public SnsClient? Sns { get; init; }

    public EventBridgeClient? Events { get; init; }

    public IAmazonDynamoDB? DynamoDb { get; init; }

    /// <summary>The bound of SQS calls; null for the default timeout and retries, naming the client's endpoint.</summary>
    public AwsCallPolicy? SqsCalls { get; init; }

    /// <summary>The bound of DynamoDB provisioning calls; null for the default, naming the client's endpoint.</summary>
    public AwsCallPolicy? DynamoDbCalls { get; init; }
}
