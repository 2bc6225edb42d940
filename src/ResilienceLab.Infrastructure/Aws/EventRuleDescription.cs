namespace ResilienceLab.Infrastructure.Aws;

/// <summary>A rule as DescribeRule returns it.</summary>
public sealed record EventRuleDescription(string Name, string Arn, string? EventPattern, string? State);
