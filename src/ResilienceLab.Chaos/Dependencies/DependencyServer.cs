using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;
using ResilienceLab.Chaos.Faults;
using ResilienceLab.Chaos.Records;
using ResilienceLab.Load;
using WireMock;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Settings;
using WireMock.Types;
using WireMock.Util;

namespace ResilienceLab.Chaos.Dependencies;

/// <summary>
/// One WireMock server standing in for a configured service, bound to 127.0.0.1 on a free port. It answers every
/// request with a healthy JSON body unless an active HTTP fault hits the request, and counts what it received per second.
/// A faulted answer carries an <c>X-Injected-Fault</c> header naming the fault.
/// </summary>
public sealed class DependencyServer : IFaultTarget, IDisposable
{
    /// <summary>Header naming the fault that shaped a response (the stack's client records it on its attempt's span).</summary>
    public const string FaultHeader = Stack.Telemetry.StackActivities.InjectedFaultHeader;

    /// <summary>Header a caller names its stack instance in (from 1), so a fault can hit one instance's calls.</summary>
    public const string InstanceHeader = "X-ResilienceLab-Instance";

    /// <summary>Header a caller names its stack instance's id in (unique across the agents of a distributed run).</summary>
    public const string InstanceIdHeader = "X-ResilienceLab-Instance-Id";

    private readonly WireMockServer _server;
    private readonly TimeProvider _time;
    private long _origin;
    private readonly ConcurrentDictionary<string, ActiveFault> _faults = new(StringComparer.Ordinal);
    // One 8-byte record per request (a long run sees millions): the calling instance's id is kept once, by number.
    private ArrivalLog _arrivals = new();
    private readonly ConcurrentDictionary<string, int> _instanceIdNumbers = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _healthyBodies = new(StringComparer.Ordinal);
    private readonly Lock _instanceIdsLock = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly SecondHistogramRecorder _addedLatency = new();
    private long _received;

    private readonly TimeSpan _baseLatency;

    private DependencyServer(string serviceName, TimeProvider timeProvider, long originTimestamp, TimeSpan baseLatency, string listenUrl)
    {
        ServiceName = serviceName;
        _baseLatency = baseLatency;
        _time = timeProvider;
        _origin = originTimestamp;
        try
        {
            _server = WireMockServer.Start(new WireMockServerSettings
            {
                Urls = [listenUrl],
                StartAdminInterface = false,
                MaxRequestLogCount = 0,
                // The answer reads only the path: parsing each JSON body (Newtonsoft) was ~1/4 of what the server allocated.
                DisableJsonBodyParsing = true,
                DisableDeserializeFormUrlEncoded = true,
                DisableRequestBodyDecompressing = true,
                PreWireMockMiddlewareInit = app =>
                {
                    ServerTimingMiddleware.Install(app, RecordAddedLatency, timeProvider);
                    ConnectionResetMiddleware.Install(app);
                },
            });
        }
        catch (WireMock.Exceptions.WireMockException ex)
        {
            // A fixed port another process holds (a dependency host's --port): say which, not WireMock's stack.
            throw new IOException($"could not listen on {listenUrl}: {ex.GetBaseException().Message}", ex);
        }

        _server
            .Given(Request.Create().UsingAnyMethod())
            .RespondWith(Response.Create().WithCallback(RespondAsync));
        Endpoint = new Uri(_server.Urls[0].TrimEnd('/') + "/");
    }

    public string ServiceName { get; }

    /// <summary>The loopback base address, for the service registry.</summary>
    public Uri Endpoint { get; }

    public long RequestsReceived => Interlocked.Read(ref _received);

    internal bool HasActiveFaults => !_faults.IsEmpty;

    /// <summary>Starts a server for <paramref name="serviceName"/>; request times are offsets from <paramref name="originTimestamp"/>.</summary>
    public static DependencyServer Start(string serviceName, TimeProvider timeProvider, long originTimestamp) =>
        new(serviceName, timeProvider, originTimestamp, TimeSpan.Zero, LoopbackAnyPort);

    /// <summary>As <see cref="Start(string, TimeProvider, long)"/>, with the healthy service's own latency (a real service is not instant).</summary>
    public static DependencyServer Start(string serviceName, TimeProvider timeProvider, long originTimestamp, TimeSpan baseLatency) =>
        new(serviceName, timeProvider, originTimestamp, baseLatency, LoopbackAnyPort);

    /// <summary>
    /// As <see cref="Start(string, TimeProvider, long, TimeSpan)"/>, listening on <paramref name="listenUrl"/> (e.g.
    /// <c>http://0.0.0.0:9001</c> for a dependency host other machines call); <see cref="Endpoint"/> is then that address.
    /// </summary>
    /// <exception cref="IOException">The address cannot be listened on (the port is taken).</exception>
    public static DependencyServer Start(string serviceName, TimeProvider timeProvider, long originTimestamp, TimeSpan baseLatency, string listenUrl) =>
        new(serviceName, timeProvider, originTimestamp, baseLatency, listenUrl);

    private const string LoopbackAnyPort = "http://127.0.0.1:0";

    /// <summary>
    /// Per second (of the response), how long the server took beyond the delay it meant to take: the harness's own share
    /// of the latency the stack saw from this dependency. Seconds before <paramref name="beforeSecond"/> are final.
    /// </summary>
    public IReadOnlyDictionary<int, string> AddedLatency() => _addedLatency.Encoded();

    /// <summary>Encodes the added-latency histograms of the seconds before <paramref name="beforeSecond"/> (called once a second).</summary>
    public void SealAddedLatency(int beforeSecond) => _addedLatency.Seal(beforeSecond);

    /// <summary>Offsets from the run's start at which requests arrived.</summary>
    public IReadOnlyList<TimeSpan> Arrivals() => [.. _arrivals.Read().Select(a => a.At)];

    /// <summary>Arrival offsets per calling instance (0 for requests that named none).</summary>
    public IReadOnlyDictionary<int, IReadOnlyList<TimeSpan>> ArrivalsByInstance() =>
        _arrivals.Read().GroupBy(a => a.Instance).ToDictionary(g => g.Key, g => (IReadOnlyList<TimeSpan>)[.. g.Select(a => a.At)]);

    /// <summary>Arrival offsets per calling instance id (<see cref="InstanceIdHeader"/>; requests naming none are left out).</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<TimeSpan>> ArrivalsByInstanceId()
    {
        var byNumber = _arrivals.Read().Where(a => a.InstanceIdNumber != 0).GroupBy(a => a.InstanceIdNumber)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<TimeSpan>)[.. g.Select(a => a.At)]);
        // Read after the arrivals: every number they carry was given out before its arrival was logged.
        var ids = _instanceIdNumbers.ToDictionary(i => i.Value, i => i.Key);
        return byNumber.ToDictionary(n => ids[n.Key], n => n.Value, StringComparer.Ordinal);
    }

    /// <summary>Starts counting time (and arrivals) afresh from <paramref name="originTimestamp"/>, e.g. when the measured run begins after a warm-up.</summary>
    public void ResetOrigin(long originTimestamp) => ResetOrigin(originTimestamp, null);

    /// <summary>
    /// As <see cref="ResetOrigin(long)"/>, keeping the arrivals' settled chunks in <paramref name="arrivals"/> (the server
    /// owns it from now on) rather than in memory.
    /// </summary>
    public void ResetOrigin(long originTimestamp, RecordSpill? arrivals)
    {
        Interlocked.Exchange(ref _origin, originTimestamp);
        Interlocked.Exchange(ref _arrivals, new ArrivalLog(arrivals)).Dispose();
        _addedLatency.Clear();
    }

    void IFaultTarget.Activate(ActiveFault fault) => _faults[fault.Spec.Name] = fault;

    void IFaultTarget.Deactivate(ActiveFault fault) => _faults.TryRemove(new KeyValuePair<string, ActiveFault>(fault.Spec.Name, fault));

    public void Dispose()
    {
        _faults.Clear();
        _stopping.Cancel();
        _server.Stop();
        _server.Dispose();
        _stopping.Dispose();
        _arrivals.Dispose();
    }

    private async Task<IResponseMessage> RespondAsync(IRequestMessage request)
    {
        Interlocked.Increment(ref _received);
        var instance = Instance(request);
        Volatile.Read(ref _arrivals).Add(_time.GetElapsedTime(Interlocked.Read(ref _origin)), instance ?? 0, InstanceIdNumber(InstanceId(request)));
        foreach (var fault in _faults.Values)
        {
            if (fault.Spec.AppliesToInstance(instance) && fault.TryHit(out var hit))
            {
                return await ApplyAsync(fault, hit, request).ConfigureAwait(false);
            }
        }

        if (_baseLatency > TimeSpan.Zero)
        {
            await Task.Delay(_baseLatency, _time).ConfigureAwait(false);
            return Intended(Healthy(request), _baseLatency);
        }

        return Healthy(request);
    }

    private static int? Instance(IRequestMessage request) =>
        request.Headers is { } headers && headers.TryGetValue(InstanceHeader, out var values) && values.Count > 0
            && int.TryParse(values[0], System.Globalization.NumberStyles.None, CultureInfo.InvariantCulture, out var instance) ? instance : null;

    private static string? InstanceId(IRequestMessage request) =>
        request.Headers is { } headers && headers.TryGetValue(InstanceIdHeader, out var values) && values.Count > 0
            && values[0] is { Length: > 0 and <= 200 } id ? id : null;

    /// <summary>The number standing for an instance id (from 1; 0 for none). A fleet has a few ids; past 4,095 distinct ones the rest count as none.</summary>
    private int InstanceIdNumber(string? id)
    {
        if (id is null)
        {
            return 0;
        }

        if (_instanceIdNumbers.TryGetValue(id, out var number))
        {
            return number;
        }

        lock (_instanceIdsLock)
        {
            return _instanceIdNumbers.Count >= ArrivalLog.MaxField ? _instanceIdNumbers.GetValueOrDefault(id) : _instanceIdNumbers.GetOrAdd(id, _instanceIdNumbers.Count + 1);
        }
    }

    private void RecordAddedLatency(TimeSpan added) =>
        _addedLatency.Record((int)_time.GetElapsedTime(Interlocked.Read(ref _origin)).TotalSeconds, added);

    /// <summary>Tells the timing middleware how long this response was meant to take.</summary>
    private static ResponseMessage Intended(ResponseMessage message, TimeSpan delay)
    {
        if (delay > TimeSpan.Zero)
        {
            message.AddHeader(ServerTimingMiddleware.IntendedDelayHeader, ((long)delay.TotalMicroseconds).ToString(CultureInfo.InvariantCulture));
        }

        return message;
    }

    private async Task<IResponseMessage> ApplyAsync(ActiveFault fault, FaultHit hit, IRequestMessage request)
    {
        var spec = fault.Spec;
        switch (spec.Kind)
        {
            case FaultKind.HttpError or FaultKind.HttpFlapping or FaultKind.HttpFirstN:
                return Intended(Error(spec, spec.Status, spec.RetryAfter), await WaitAsync(hit.Delay, fault).ConfigureAwait(false));

            case FaultKind.HttpBlackhole:
                // Held until the fault ends (its end, or a rollback) or the cap; the client's timeout fires first.
                return Intended(Error(spec, FaultConstants.BlackholeStatus, retryAfter: null), await WaitAsync(FaultConstants.BlackholeHoldCap, fault).ConfigureAwait(false));

            case FaultKind.HttpEmptyResponse or FaultKind.HttpMalformedChunk:
                var broken = Healthy(request, spec);
                broken.FaultType = spec.Kind == FaultKind.HttpEmptyResponse ? FaultType.EMPTY_RESPONSE : FaultType.MALFORMED_RESPONSE_CHUNK;
                broken.FaultPercentage = 1; // the rate was decided by the fault's seeded randomizer, not WireMock's
                return broken;

            case FaultKind.HttpConnectionReset:
                var reset = Healthy(request, spec);
                reset.AddHeader(ConnectionResetMiddleware.MarkerHeader, "1");
                return reset;

            default:
                return Intended(Healthy(request, spec), await WaitAsync(hit.Delay, fault).ConfigureAwait(false));
        }
    }

    /// <summary>Waits, but no longer than the fault is on or the server runs; returns how long it meant to wait.</summary>
    private async Task<TimeSpan> WaitAsync(TimeSpan delay, ActiveFault fault)
    {
        if (delay <= TimeSpan.Zero)
        {
            return TimeSpan.Zero;
        }

        using var released = CancellationTokenSource.CreateLinkedTokenSource(fault.Ended, _stopping.Token);
        var started = _time.GetTimestamp();
        try
        {
            await Task.Delay(delay, _time, released.Token).ConfigureAwait(false);
            return delay;
        }
        catch (OperationCanceledException)
        {
            // The fault was switched off or the server stopped: answer now; the wait it meant was up to now.
            return _time.GetElapsedTime(started);
        }
    }

    private ResponseMessage Healthy(IRequestMessage request, FaultSpec? shapedBy = null)
    {
        var message = Json(200, HealthyBody(request.Path));
        if (shapedBy is not null)
        {
            message.AddHeader(FaultHeader, shapedBy.Name);
        }

        return message;
    }

    /// <summary>The healthy answer for a path, written once per path (a service has a few; past 1,024 they are written each time).</summary>
    private string HealthyBody(string path)
    {
        if (_healthyBodies.TryGetValue(path, out var body))
        {
            return body;
        }

        body = new JsonObject { ["status"] = "ok", ["service"] = ServiceName, ["path"] = path }.ToJsonString();
        if (_healthyBodies.Count < 1_024)
        {
            _healthyBodies.TryAdd(path, body);
        }

        return body;
    }

    private ResponseMessage Error(FaultSpec spec, int status, TimeSpan? retryAfter)
    {
        var error = Json(status, new JsonObject { ["error"] = $"injected fault {spec.Name}", ["service"] = ServiceName }.ToJsonString());
        error.AddHeader(FaultHeader, spec.Name);
        if (retryAfter is { } wait)
        {
            error.AddHeader("Retry-After", ((int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture));
        }

        return error;
    }

    private static ResponseMessage Json(int status, string body)
    {
        var message = new ResponseMessage
        {
            StatusCode = status,
            BodyData = new BodyData { DetectedBodyType = BodyType.String, BodyAsString = body },
        };
        message.AddHeader("Content-Type", "application/json");
        return message;
    }
}
