namespace ResilienceLab.Infrastructure.Provisioning;

/// <summary>An EventBridge rule: its event pattern (JSON text) and the logical names of the queues it delivers to.</summary>
public sealed record EventRulePlan(string Name, string PhysicalName, string EventPattern, IReadOnlyList<string> TargetQueues);
