namespace ResilienceLab.Load.Http;

/// <summary>
/// A plain HTTP GET load against one URL: either an arrival <see cref="Rate"/> (open model) or
/// <see cref="VirtualUsers"/> looping (closed model), for <see cref="Duration"/>.
/// </summary>
public sealed record HttpLoadOptions(Uri Url, TimeSpan Duration)
{
    /// <summary>Requests per second (open model). Exactly one of this and <see cref="VirtualUsers"/> is set.</summary>
    public double? Rate { get; init; }

    /// <summary>Virtual users each sending back to back (closed model).</summary>
    public int? VirtualUsers { get; init; }

    /// <summary>Which client sends the requests. <value>Default: <see cref="HttpLoadClientKind.Auto"/> (the lean HTTP/1.1 client for http://, HttpClient for https://).</value></summary>
    public HttpLoadClientKind Client { get; init; } = HttpLoadClientKind.Auto;

    /// <summary>Connections to the server (at most this many open at once; requests beyond them wait for one). <value>Default: the virtual users, else 100.</value></summary>
    public int? Connections { get; init; }

    /// <summary>How long a pooled connection lives before it is replaced. <value>Default: 5 minutes.</value></summary>
    public TimeSpan PooledConnectionLifetime { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>A request taking longer (connecting included) fails as <c>timeout</c>, with its latency. <value>Default: 10 s.</value></summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Opening a connection taking longer fails the request as <c>timeout</c>. <value>Default: 5 s (at most the request timeout).</value></summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Excluded from the summary. <value>Default: zero.</value></summary>
    public TimeSpan WarmUp { get; init; } = TimeSpan.Zero;

    /// <summary>Open model cap on requests in flight; beyond it requests are dropped and counted. <value>Default: 10,000.</value></summary>
    public int MaxInFlight { get; init; } = 10_000;

    /// <summary>How long in-flight requests may finish after the end; never less than <see cref="RequestTimeout"/>, so each ends as ok or as a timeout with its latency. <value>Default: 5 s.</value></summary>
    public TimeSpan GracePeriod { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Open the connections with one unmeasured request each before the run starts (as wrk does). <value>Default: false:
    /// connecting is part of the measured time, so a server that never answers shows as timeouts, not as a silent wait.</value>
    /// </summary>
    public bool PrimeConnections { get; init; }

    /// <summary>The client actually used.</summary>
    public HttpLoadClientKind EffectiveClient => Client != HttpLoadClientKind.Auto ? Client
        : Url.Scheme == Uri.UriSchemeHttp ? HttpLoadClientKind.Http1 : HttpLoadClientKind.HttpClient;

    /// <summary>This agent's share when the load is split across agents (<c>--segment I/N</c>). <value>Default: the whole load.</value></summary>
    public ExecutionSegment Segment { get; init; } = ExecutionSegment.Whole;

    /// <summary>The wall-clock instant the schedule starts (agents of one load share it). <value>Default null: when the run starts.</value></summary>
    public DateTimeOffset? StartAt { get; init; }

    /// <summary>The connections actually used: by default one per virtual user of this agent's share, else 100.</summary>
    public int EffectiveConnections => Connections ?? (VirtualUsers is { } users ? Math.Max(1, Segment.ShareOf(users)) : 100);
}
