using System.Buffers;

namespace ResilienceLab.Load.Http;

/// <summary>
/// Runs a plain HTTP GET load against one URL on <see cref="LoadRunner"/> over <see cref="HttpLoadOptions.EffectiveConnections"/>
/// connections: through the lean <see cref="Http1LoadClient"/> for http:// (the default) or one shared HttpClient whose
/// SocketsHttpHandler holds them (https://, or when asked for). Statuses of 400 and above fail as <c>http_NNN</c>;
/// exceptions are named by <see cref="HttpFailureClassifier"/>, the same way for both clients.
/// </summary>
public sealed class HttpLoadTest : IDisposable
{
    private const int DrainBufferSize = 16 * 1024;
    private const int MaxPrimedConnections = 1024;
    private readonly HttpLoadOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly HttpClient? _client;
    private readonly Http1LoadClient? _http1;
    private readonly LoadIteration _send;

    /// <param name="handler">Sends through HttpClient over this handler instead (tests); null: as <see cref="HttpLoadOptions.EffectiveClient"/> says.</param>
    public HttpLoadTest(HttpLoadOptions options, TimeProvider timeProvider, HttpMessageHandler? handler = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _options = options;
        _timeProvider = timeProvider;
        if (handler is null && options.EffectiveClient == HttpLoadClientKind.Http1)
        {
            _http1 = new Http1LoadClient(options, timeProvider);
            _send = SendHttp1Async;
        }
        else
        {
            _client = new HttpClient(handler ?? CreateHandler(options)) { Timeout = Timeout.InfiniteTimeSpan };
            _send = SendAsync;
        }
    }

    /// <summary>The load plan the options describe.</summary>
    public static LoadPlan PlanFor(HttpLoadOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var total = options.WarmUp + options.Duration;
        LoadSimulation simulation = options.VirtualUsers is { } users
            ? new KeepConstant(users, total)
            : new Inject(options.Rate ?? 0, TimeSpan.FromSeconds(1), total);
        return new LoadPlan([simulation])
        {
            WarmUp = options.WarmUp,
            MaxInFlight = options.MaxInFlight,
            Segment = options.Segment,
            // The lean client's synchronous part is a socket write: started on the scheduler's thread, it waits for no pool thread.
            InlineStarts = options.EffectiveClient == HttpLoadClientKind.Http1,
            GracePeriod = options.GracePeriod > options.RequestTimeout ? options.GracePeriod : options.RequestTimeout + TimeSpan.FromSeconds(1),
        };
    }

    public async Task<LoadResult> RunAsync(IProgress<LoadProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        if (_options.PrimeConnections)
        {
            await PrimeConnectionsAsync(cancellationToken).ConfigureAwait(false);
        }

        var plan = PlanFor(_options);
        if (_http1 is not null && ReferenceEquals(_timeProvider, TimeProvider.System))
        {
            await EngineWarmUp.RunAsync(plan, cancellationToken).ConfigureAwait(false);
        }

        return await new LoadRunner(_timeProvider, Origin()).RunAsync(plan, _send, progress, cancellationToken).ConfigureAwait(false);
    }

    public void Dispose()
    {
        _client?.Dispose();
        _http1?.Dispose();
    }

    /// <summary>The timestamp of <see cref="HttpLoadOptions.StartAt"/> (it may lie ahead), or null to start now.</summary>
    private long? Origin() => _options.StartAt is { } at
        ? _timeProvider.GetTimestamp() + (long)((at - _timeProvider.GetUtcNow()).TotalSeconds * _timeProvider.TimestampFrequency)
        : null;

    private static SocketsHttpHandler CreateHandler(HttpLoadOptions options) => new()
    {
        MaxConnectionsPerServer = options.EffectiveConnections,
        PooledConnectionLifetime = options.PooledConnectionLifetime,
        ConnectTimeout = options.ConnectTimeout < options.RequestTimeout ? options.ConnectTimeout : options.RequestTimeout,
        AllowAutoRedirect = false,
        UseCookies = false,
        UseProxy = false,
    };

    // As wrk does, connections are opened before the clock starts, so connecting is not measured as load latency.
    private async Task PrimeConnectionsAsync(CancellationToken cancellationToken)
    {
        var requests = Enumerable.Range(0, Math.Min(_options.EffectiveConnections, MaxPrimedConnections))
            .Select(_ => _send(default, cancellationToken).AsTask());
        await Task.WhenAll(requests).ConfigureAwait(false);
    }

    private ValueTask<IterationOutcome> SendHttp1Async(IterationContext context, CancellationToken cancellationToken) =>
        _http1!.SendAsync(cancellationToken);

    private async ValueTask<IterationOutcome> SendAsync(IterationContext context, CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(_options.RequestTimeout, _timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        var buffer = ArrayPool<byte>.Shared.Rent(DrainBufferSize);
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, _options.Url);
            using var response = await _client!.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token).ConfigureAwait(false);
            var stream = await response.Content.ReadAsStreamAsync(linked.Token).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                while (await stream.ReadAsync(buffer, linked.Token).ConfigureAwait(false) > 0)
                {
                    // The body is read to the end so the connection can be reused; its content is not needed.
                }
            }

            return HttpFailureClassifier.ForStatus(response.StatusCode) is { } reason
                ? IterationOutcome.Failure(reason)
                : IterationOutcome.Success;
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return IterationOutcome.Failure(HttpFailureClassifier.ForException(exception, runCancelled: false));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
