namespace ResilienceLab.Infrastructure.Provisioning;

/// <summary>How outcomes are written in reports and on the console: lower case, words apart (<c>already existed</c>, <c>not owned</c>).</summary>
public static class ProvisioningOutcomes
{
    public static string Text(ProvisioningOutcome outcome) => outcome switch
    {
        ProvisioningOutcome.Created => "created",
        ProvisioningOutcome.AlreadyExisted => "already existed",
        ProvisioningOutcome.Drifted => "drifted",
        ProvisioningOutcome.NotOwned => "not owned",
        ProvisioningOutcome.Missing => "missing",
        ProvisioningOutcome.Failed => "failed",
        ProvisioningOutcome.Deleted => "deleted",
        ProvisioningOutcome.NotFound => "not found",
    };

    /// <summary>Outcomes a run refuses unless told to adopt the resource as it is.</summary>
    public static bool NeedsAdoption(ProvisioningOutcome outcome) => outcome is ProvisioningOutcome.Drifted or ProvisioningOutcome.NotOwned;
}
