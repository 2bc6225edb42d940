namespace ResilienceLab.Infrastructure.Aws;

/// <summary>An event bus as DescribeEventBus returns it.</summary>
public sealed record EventBusDescription(string Name, string Arn);
