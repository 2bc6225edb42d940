namespace ResilienceLab.Infrastructure.Aws;

/// <summary>A rule target: its id within the rule and the ARN it delivers to (an SQS queue here).</summary>
public sealed record EventRuleTarget(string Id, string Arn);
