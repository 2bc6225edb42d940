namespace ResilienceLab.Harness.Configuration;

/// <summary>An <c>event_rules</c> entry: the EventBridge event pattern (JSON text) and the queues it targets.</summary>
public sealed record EventRuleConfig(string Name, string EventPattern, IReadOnlyList<string> Targets);
