namespace ResilienceLab.Chaos.Faults;

/// <summary>
/// One scheduled fault: what (<see cref="Kind"/> and its parameters), where (<see cref="Target"/>, a service name),
/// when (<see cref="Start"/> and <see cref="Duration"/> from the start of the run) and how often (<see cref="Rate"/>, 0 to 1, per request).
/// </summary>
public sealed record FaultSpec
{
    public required string Name { get; init; }

    public required FaultKind Kind { get; init; }

    public required string Target { get; init; }

    public required TimeSpan Start { get; init; }

    public required TimeSpan Duration { get; init; }

    /// <summary>Share of requests affected while the fault is active. <value>Default 1.</value></summary>
    public double Rate { get; init; } = 1.0;

    /// <summary>Status for <see cref="FaultKind.HttpError"/>. <value>Default 503.</value></summary>
    public int Status { get; init; } = 503;

    /// <summary>Delay before the answer (both kinds). <value>Default none.</value></summary>
    public TimeSpan Delay { get; init; } = TimeSpan.Zero;

    /// <summary>Retry-After header value sent with a 429. <value>Default none.</value></summary>
    public TimeSpan? RetryAfter { get; init; }

    public TimeSpan End => Start + Duration;
}
