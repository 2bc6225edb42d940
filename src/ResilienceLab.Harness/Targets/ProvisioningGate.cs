using ResilienceLab.Harness.Input;
using ResilienceLab.Infrastructure.Provisioning;

namespace ResilienceLab.Harness.Targets;

/// <summary>
/// How a run and <c>provision</c> provision: the backend first inspects what exists, changing nothing. A drifted or
/// not-owned resource is refused unless adopting (then nothing is created at all); otherwise what is missing is created.
/// </summary>
public static class ProvisioningGate
{
    /// <param name="backend">Where the resources live.</param>
    /// <param name="plan">What to provision.</param>
    /// <param name="components">Which parts of the plan.</param>
    /// <param name="adopt">Use drifted and not-owned resources as they are.</param>
    /// <param name="stopOnFailure">Stop after an inspection that could not read everything (a run, which would abort anyway), rather than create what can be.</param>
    public static async Task<ProvisioningResult> ProvisionAsync(
        IResourceBackend backend, ResourcePlan plan, ResourceComponents components, bool adopt, bool stopOnFailure, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(backend);
        var inspection = await backend.InspectAsync(plan, components, cancellationToken).ConfigureAwait(false);
        if (!adopt && inspection.NeedingAdoption.Count > 0)
        {
            return new ProvisioningResult(inspection, Refused: true);
        }

        if (stopOnFailure && inspection.Failures.Count > 0)
        {
            return new ProvisioningResult(inspection, Refused: false);
        }

        return new ProvisioningResult(await backend.ProvisionAsync(plan, components, cancellationToken).ConfigureAwait(false), Refused: false);
    }

    /// <summary>
    /// For a run: throws <see cref="InvalidInputException"/> (exit 2) naming each refused resource and its differing
    /// settings, or <see cref="InvalidOperationException"/> (an infrastructure error: the run aborts) naming what failed.
    /// </summary>
    public static void EnsureUsable(ProvisioningResult result, string configFile)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (result.Refused)
        {
            throw new InvalidInputException([.. result.Report.NeedingAdoption.Select(r => new InputProblem(
                configFile, string.Empty, $"{Describe(r)} is {r.Describe()}; run with --adopt to use it as it is"))]);
        }

        var failures = result.Report.Failures;
        if (failures.Count > 0)
        {
            var more = failures.Count > 1 ? $" (and {failures.Count - 1} more)" : string.Empty;
            throw new InvalidOperationException($"provisioning failed: {Describe(failures[0])}: {failures[0].Detail}{more}");
        }
    }

    private static string Describe(ProvisionedResource resource) =>
        resource.Identifier == resource.Name ? $"{resource.Kind} '{resource.Name}'" : $"{resource.Kind} '{resource.Name}' ({resource.Identifier})";
}
