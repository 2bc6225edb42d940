using ResilienceLab.Infrastructure.Provisioning;

namespace ResilienceLab.Harness.Targets;

/// <summary>What <see cref="ProvisioningGate"/> did: the report, and whether it refused to go on (only the inspection ran).</summary>
public sealed record ProvisioningResult(ProvisioningReport Report, bool Refused);
