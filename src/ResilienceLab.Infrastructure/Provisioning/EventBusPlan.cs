namespace ResilienceLab.Infrastructure.Provisioning;

/// <summary>The custom event bus (<c>$project-events-$stage</c>) and its rules.</summary>
public sealed record EventBusPlan(string Name, string PhysicalName, IReadOnlyList<EventRulePlan> Rules);
