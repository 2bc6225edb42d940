namespace ResilienceLab.Chaos.Faults;

/// <summary>
/// One scheduled fault: what (<see cref="Kind"/> and its parameters), where (<see cref="Target"/>: a service for HTTP kinds,
/// a resource for API kinds, a queue for process kinds), when (<see cref="Start"/> and <see cref="Duration"/> from the start
/// of the run) and how often (<see cref="Rate"/>, 0 to 1, per request, call or message).
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

    /// <summary>Status for <see cref="FaultKind.HttpError"/>, <see cref="FaultKind.HttpFlapping"/> and <see cref="FaultKind.HttpFirstN"/>. <value>Default 503.</value></summary>
    public int Status { get; init; } = FaultConstants.DefaultStatus;

    /// <summary>Fixed delay: before the error (<see cref="FaultKind.HttpError"/>), the answer (<see cref="FaultKind.HttpDelay"/>) or the call (<see cref="FaultKind.ApiLatency"/>). <value>Default none.</value></summary>
    public TimeSpan Delay { get; init; } = TimeSpan.Zero;

    /// <summary>Retry-After header value sent with an error status. <value>Default none.</value></summary>
    public TimeSpan? RetryAfter { get; init; }

    /// <summary>Lower bound of <see cref="FaultKind.HttpDelayUniform"/>. <value>Default none.</value></summary>
    public TimeSpan DelayMin { get; init; } = TimeSpan.Zero;

    /// <summary>Upper bound of <see cref="FaultKind.HttpDelayUniform"/>; cap of <see cref="FaultKind.HttpDelayLognormal"/>. <value>Default none (lognormal: 30 s).</value></summary>
    public TimeSpan? DelayMax { get; init; }

    /// <summary>Median of <see cref="FaultKind.HttpDelayLognormal"/>. <value>Default none.</value></summary>
    public TimeSpan Median { get; init; } = TimeSpan.Zero;

    /// <summary>Sigma (standard deviation of the log) of <see cref="FaultKind.HttpDelayLognormal"/>. <value>Default 0.5.</value></summary>
    public double Sigma { get; init; } = 0.5;

    /// <summary>Period of <see cref="FaultKind.HttpFlapping"/>: on for the first half, off for the second. <value>Default none.</value></summary>
    public TimeSpan Period { get; init; } = TimeSpan.Zero;

    /// <summary>How many requests <see cref="FaultKind.HttpFirstN"/> fails before recovering. <value>Default 0.</value></summary>
    public int FirstN { get; init; }

    /// <summary>AWS API operations an API fault applies to (SendMessage, Publish, PutEvents, GetItem, ...). <value>Default empty: all.</value></summary>
    public IReadOnlyList<string> Operations { get; init; } = [];

    /// <summary>How a consumer fails under <see cref="FaultKind.ConsumerCrash"/>. <value>Default <see cref="ConsumerCrashMode.Stall"/>.</value></summary>
    public ConsumerCrashMode CrashMode { get; init; } = ConsumerCrashMode.Stall;

    /// <summary>The stack instances (from 1) whose requests an HTTP fault hits; empty hits every instance's. <value>Default empty.</value></summary>
    public IReadOnlyList<int> Instances { get; init; } = [];

    /// <summary>Whether the fault may hit a request from instance <paramref name="instance"/> (null: not known, as with a single instance).</summary>
    public bool AppliesToInstance(int? instance) => Instances.Count == 0 || (instance is { } i && Instances.Contains(i));

    public TimeSpan End => Start + Duration;

    public FaultCategory Category => FaultNames.CategoryOf(Kind);

    /// <summary>Whether an API fault applies to <paramref name="operation"/>.</summary>
    public bool AppliesTo(string operation) => Operations.Count == 0 || Operations.Contains(operation, StringComparer.Ordinal);
}
