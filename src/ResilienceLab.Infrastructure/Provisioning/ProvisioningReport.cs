namespace ResilienceLab.Infrastructure.Provisioning;

/// <summary>What happened to each resource, in the order the backend went through them.</summary>
public sealed record ProvisioningReport(IReadOnlyList<ProvisionedResource> Resources)
{
    /// <summary>Resources a call failed for.</summary>
    public IReadOnlyList<ProvisionedResource> Failures => [.. Resources.Where(r => r.Outcome == ProvisioningOutcome.Failed)];

    /// <summary>Drifted and not-owned resources: a run uses them only when told to adopt them.</summary>
    public IReadOnlyList<ProvisionedResource> NeedingAdoption => [.. Resources.Where(r => ProvisioningOutcomes.NeedsAdoption(r.Outcome))];
}
