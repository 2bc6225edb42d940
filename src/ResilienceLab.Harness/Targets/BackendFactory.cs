using ResilienceLab.Harness.Configuration;
using ResilienceLab.Harness.Input;
using ResilienceLab.Infrastructure.Aws;
using ResilienceLab.Infrastructure.Local;
using ResilienceLab.Infrastructure.Provisioning;

namespace ResilienceLab.Harness.Targets;

/// <summary>
/// Creates the resource backend for a <c>--target</c> and the config's <c>endpoints</c>: each of sqs, sns, events and
/// dynamodb lives where <c>endpoints</c> says (a URL, <c>aws</c> or <c>local</c>); a service it does not name follows the
/// target (<c>local</c>: in-process, <c>aws</c>: the region's endpoint). Everything in-process is the embedded
/// <see cref="LocalBackend"/>; any other mix is a <see cref="PlacedBackend"/>.
/// </summary>
public static class BackendFactory
{
    public static readonly IReadOnlyList<string> Targets = ["local", "aws"];

    /// <summary>A target that puts every service in-process whatever the config's endpoints say.</summary>
    public const string InProcess = "in-process";

    /// <summary>Where each service lives for <paramref name="target"/> and the config's <c>endpoints</c>.</summary>
    public static ServicePlacements Placements(string target, LooseCouplingConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var fallback = target switch
        {
            InProcess => null,
            "local" => Placement.InProcess,
            "aws" => Placement.Aws,
            _ => throw new ArgumentException($"unknown target '{target}' (expected {string.Join(" or ", Targets)})", nameof(target)),
        };
        if (fallback is null)
        {
            return ServicePlacements.AllInProcess;
        }

        var endpoints = config.Endpoints;
        return new ServicePlacements(endpoints?.Sqs ?? fallback, endpoints?.Sns ?? fallback, endpoints?.Events ?? fallback, endpoints?.DynamoDb ?? fallback);
    }

    /// <summary>
    /// The placements for <paramref name="target"/>, or <see cref="InvalidInputException"/> naming the config's
    /// <c>endpoints</c> fields when the plan cannot run on them (a topic or bus outside this process with queues in it).
    /// </summary>
    public static ServicePlacements CheckedPlacements(string target, LooseCouplingConfig config)
    {
        var placements = Placements(target, config);
        var problems = placements.Problems(ResourcePlanBuilder.Build(config))
            .Select(p => new InputProblem(config.SourceFile, $"endpoints.{p.Service}", $"{p.Problem} (with --target {target})"))
            .ToList();
        return problems.Count == 0 ? placements : throw new InvalidInputException(problems);
    }

    /// <exception cref="InvalidInputException">The placements cannot carry the config's topics or rules.</exception>
    public static IResourceBackend Create(string target, LooseCouplingConfig config, TimeProvider timeProvider)
    {
        var placements = CheckedPlacements(target, config);
        if (placements.IsAllInProcess)
        {
            return new LocalBackend(timeProvider);
        }

        var options = AwsEndpointOptions.For(config.AwsRegion, placements) with
        {
            CallTimeout = config.Endpoints?.CallTimeout ?? AwsConstants.DefaultCallTimeout,
            MaxRetries = config.Endpoints?.MaxRetries ?? AwsConstants.DefaultMaxRetries,
        };
        return new PlacedBackend(placements, options, timeProvider);
    }
}
