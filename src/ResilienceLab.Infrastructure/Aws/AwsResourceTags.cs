using ResilienceLab.Infrastructure.Provisioning;

namespace ResilienceLab.Infrastructure.Aws;

/// <summary>The tags every provisioned resource carries, and the ownership check teardown and provisioning rely on.</summary>
internal static class AwsResourceTags
{
    /// <summary>Why a resource counts as someone else's.</summary>
    public const string NotTaggedDetail = "not tagged " + AwsConstants.CreatedByTag + "=" + AwsConstants.CreatedByValue;

    /// <summary>Why teardown left a resource alone.</summary>
    public const string NotOursDetail = "left alone: " + NotTaggedDetail;

    /// <summary><c>Project</c>, <c>Stage</c> (as the document tags) and <c>CreatedBy=resilience-lab</c>.</summary>
    public static IReadOnlyDictionary<string, string> For(ResourcePlan plan) => new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [AwsConstants.ProjectTag] = plan.ProjectName,
        [AwsConstants.StageTag] = plan.DeploymentStage,
        [AwsConstants.CreatedByTag] = AwsConstants.CreatedByValue,
    };

    /// <summary>True when the resource was created by ResilienceLab.</summary>
    public static bool IsOurs(IReadOnlyDictionary<string, string>? tags) =>
        tags is not null && tags.TryGetValue(AwsConstants.CreatedByTag, out var value) && value == AwsConstants.CreatedByValue;
}
