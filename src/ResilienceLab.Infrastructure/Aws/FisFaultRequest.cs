namespace ResilienceLab.Infrastructure.Aws;

/// <summary>
/// A fault to express as an AWS FIS action: its kind (for example <c>network-disruption</c>,
/// <c>api-throttling</c>, <c>http-latency</c>), what it hits (<c>dynamodb</c>, <c>sqs</c>, <c>events</c>,
/// or a dependency's name) and how long it lasts.
/// </summary>
public sealed record FisFaultRequest(string Kind, string Target, TimeSpan Duration);
