namespace ResilienceLab.Infrastructure.Provisioning;

public enum ProvisioningOutcome
{
    Created,
    AlreadyExisted,
    Deleted,
    NotFound,
    Unsupported,
}
