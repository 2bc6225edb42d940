using ResilienceLab.Infrastructure.Aws;
using ResilienceLab.Infrastructure.Provisioning;

namespace ResilienceLab.Harness.Configuration;

/// <summary>
/// <c>endpoints</c>: where each service lives (<c>sqs</c>, <c>sns</c>, <c>events</c>, <c>dynamodb</c>: an endpoint URL,
/// <c>"aws"</c> for the region's endpoint or <c>"local"</c> for in-process; a service not named follows <c>--target</c>),
/// and the bound of every call to a service outside this process. Credentials never live here: they come from the AWS
/// SDK chain.
/// </summary>
public sealed record EndpointsConfig
{
    public Placement? Sqs { get; init; }

    public Placement? Sns { get; init; }

    public Placement? Events { get; init; }

    public Placement? DynamoDb { get; init; }

    /// <summary>How long one attempt of an AWS call waits for an answer (<c>timeout_ms</c>). <value>Default 2 s.</value></summary>
    public TimeSpan CallTimeout { get; init; } = AwsConstants.DefaultCallTimeout;

    /// <summary>How many times a transiently failed AWS call is tried again (<c>max_retries</c>). <value>Default 2.</value></summary>
    public int MaxRetries { get; init; } = AwsConstants.DefaultMaxRetries;
}
