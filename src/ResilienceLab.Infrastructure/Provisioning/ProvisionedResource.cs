namespace ResilienceLab.Infrastructure.Provisioning;

/// <summary>One line of what provisioning or teardown did: kind (queue, dlq, topic, event-bus, rule, table), name, URL or ARN, outcome.</summary>
public sealed record ProvisionedResource(string Kind, string Name, string Identifier, ProvisioningOutcome Outcome, string? Detail = null);
