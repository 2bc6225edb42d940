namespace ResilienceLab.Infrastructure.Aws;

/// <summary>
/// A fault to express as an AWS FIS action: its kind (a scenario kind such as <c>api_unavailable</c> or
/// <c>http_error</c>, or <c>network-disruption</c>), what it hits (<c>dynamodb</c>, <c>sqs</c>, <c>events</c>,
/// a resource or a dependency's name) and how long it lasts.
/// </summary>
public sealed record FisFaultRequest(string Kind, string Target, TimeSpan Duration)
{
    /// <summary>The fault's name in its scenario, for messages.</summary>
    /// <value>Defaults to null: messages name the kind and target.</value>
    public string? Name { get; init; }

    /// <summary>The AWS service behind <see cref="Target"/>: <c>dynamodb</c>, <c>sqs</c>, <c>sns</c> or <c>events</c>; null for a dependency.</summary>
    /// <value>Defaults to null: derived from <see cref="Target"/> (<c>breaker-table</c>, <c>event-bus</c>, a service name).</value>
    public string? Service { get; init; }

    /// <summary>Share of calls the fault hits.</summary>
    /// <value>Defaults to 1.</value>
    public double Rate { get; init; } = 1.0;

    /// <summary>The API operations the fault is limited to; empty means all.</summary>
    /// <value>Defaults to empty.</value>
    public IReadOnlyList<string> Operations { get; init; } = [];
}
