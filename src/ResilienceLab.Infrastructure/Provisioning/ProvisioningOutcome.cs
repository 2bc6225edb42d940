namespace ResilienceLab.Infrastructure.Provisioning;

/// <summary>What provisioning, inspection or teardown found or did for one resource.</summary>
public enum ProvisioningOutcome
{
    /// <summary>It did not exist and was created.</summary>
    Created,

    /// <summary>It exists as the plan describes it and carries the ownership tag (or ownership cannot be checked).</summary>
    AlreadyExisted,

    /// <summary>It exists, but some of its settings differ from the plan (<see cref="ProvisionedResource.Differences"/>); it was left as it is.</summary>
    Drifted,

    /// <summary>It exists as the plan describes it, but without the <c>CreatedBy=resilience-lab</c> tag; it was left as it is.</summary>
    NotOwned,

    /// <summary>Inspection only: it does not exist yet (provisioning would create it).</summary>
    Missing,

    /// <summary>A call about it failed; <see cref="ProvisionedResource.Detail"/> says which and why.</summary>
    Failed,

    /// <summary>Teardown removed it.</summary>
    Deleted,

    /// <summary>Teardown found nothing of that name.</summary>
    NotFound,
}
