namespace ResilienceLab.Infrastructure.Aws;

/// <summary>A queue that exists on the target: logical and physical name, URL and ARN.</summary>
internal sealed record ProvisionedQueue(string Name, string PhysicalName, string Url, string Arn);
