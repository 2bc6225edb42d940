namespace ResilienceLab.Infrastructure.Provisioning;

public sealed record ProvisioningReport(IReadOnlyList<ProvisionedResource> Resources);
