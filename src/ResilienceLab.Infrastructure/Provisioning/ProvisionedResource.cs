namespace ResilienceLab.Infrastructure.Provisioning;

/// <summary>
/// One line of what provisioning, inspection or teardown did: kind (queue, dlq, topic, event-bus, rule, table), logical
/// name, URL or ARN, outcome, a detail sentence and, for a drifted resource, the settings that differ.
/// </summary>
public sealed record ProvisionedResource(string Kind, string Name, string Identifier, ProvisioningOutcome Outcome, string? Detail = null)
{
    /// <summary>The settings that differ from the plan (<see cref="ProvisioningOutcome.Drifted"/> only).</summary>
    public IReadOnlyList<ResourceDifference> Differences { get; init; } = [];

    /// <summary>The outcome and, when there is one, the detail and the differences, as one line.</summary>
    public string Describe()
    {
        var parts = new List<string> { ProvisioningOutcomes.Text(Outcome) };
        if (Differences.Count > 0)
        {
            parts.Add(string.Join("; ", Differences));
        }

        if (!string.IsNullOrEmpty(Detail))
        {
            parts.Add(Detail);
        }

        return string.Join(": ", parts);
    }
}
