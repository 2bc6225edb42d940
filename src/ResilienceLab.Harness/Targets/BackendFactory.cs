using ResilienceLab.Harness.Configuration;
using ResilienceLab.Infrastructure.Aws;
using ResilienceLab.Infrastructure.Local;
using ResilienceLab.Infrastructure.Provisioning;

namespace ResilienceLab.Harness.Targets;

/// <summary>
/// Creates the resource backend a <c>--target</c> names: <c>local</c> (in-process) or <c>aws</c> (SDK clients, config
/// endpoint overrides). On <c>local</c>, a config with <c>endpoints.dynamodb</c> puts the breaker table on that DynamoDB
/// endpoint while queues, topics and the bus stay in-process.
/// </summary>
public static class BackendFactory
{
    public static readonly IReadOnlyList<string> Targets = ["local", "aws"];

    public static IResourceBackend Create(string target, LooseCouplingConfig config, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(config);
        return target switch
        {
            "local" when config.Endpoints?.DynamoDb is { } dynamoDb => new LocalBackendWithDynamoDbTable(
                new AwsEndpointOptions { Region = config.AwsRegion, DynamoDbServiceUrl = dynamoDb },
                timeProvider),
            "local" => new LocalBackend(timeProvider),
            "aws" => new AwsBackend(
                new AwsEndpointOptions
                {
                    Region = config.AwsRegion,
                    SqsServiceUrl = config.Endpoints?.Sqs,
                    DynamoDbServiceUrl = config.Endpoints?.DynamoDb,
                    EventsServiceUrl = config.Endpoints?.Events,
                },
                timeProvider),
            _ => throw new ArgumentException($"unknown target '{target}' (expected {string.Join(" or ", Targets)})", nameof(target)),
        };
    }
}
