using ResilienceLab.Harness.Configuration;
using ResilienceLab.Infrastructure.Aws;
using ResilienceLab.Infrastructure.Local;
using ResilienceLab.Infrastructure.Provisioning;

namespace ResilienceLab.Harness.Targets;

/// <summary>Creates the resource backend a <c>--target</c> names: <c>local</c> (in-process) or <c>aws</c> (SDK clients, config endpoint overrides).</summary>
public static class BackendFactory
{
    public static readonly IReadOnlyList<string> Targets = ["local", "aws"];

    public static IResourceBackend Create(string target, LooseCouplingConfig config, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(config);
        return target switch
        {
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
