using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;
using ResilienceLab.Chaos.Faults;
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
/// request with a healthy JSON body unless an active fault hits the request, and counts what it received per second.
/// </summary>
public sealed class DependencyServer : IDisposable
{
    private readonly WireMockServer _server;
    private readonly TimeProvider _time;
    private readonly long _origin;
    private readonly ConcurrentDictionary<string, ActiveFault> _faults = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<TimeSpan> _arrivals = new();
    private long _received;

    private DependencyServer(string serviceName, TimeProvider timeProvider, long originTimestamp)
    {
        ServiceName = serviceName;
        _time = timeProvider;
        _origin = originTimestamp;
        _server = WireMockServer.Start(new WireMockServerSettings
        {
            Urls = ["http://127.0.0.1:0"],
            StartAdminInterface = false,
            MaxRequestLogCount = 0,
        });
        _server
            .Given(Request.Create().UsingAnyMethod())
            .RespondWith(Response.Create().WithCallback(RespondAsync));
        Endpoint = new Uri(_server.Urls[0].TrimEnd('/') + "/");
    }

    public string ServiceName { get; }

    /// <summary>The loopback base address, for the service registry.</summary>
    public Uri Endpoint { get; }

    public long RequestsReceived => Interlocked.Read(ref _received);

    /// <summary>Starts a server for <paramref name="serviceName"/>; request times are offsets from <paramref name="originTimestamp"/>.</summary>
    public static DependencyServer Start(string serviceName, TimeProvider timeProvider, long originTimestamp) =>
        new(serviceName, timeProvider, originTimestamp);

    /// <summary>Offsets from the run's start at which requests arrived.</summary>
    public IReadOnlyList<TimeSpan> Arrivals() => [.. _arrivals];

    internal void Activate(ActiveFault fault) => _faults[fault.Spec.Name] = fault;

    internal void Deactivate(string faultName) => _faults.TryRemove(faultName, out _);

    internal bool HasActiveFaults => !_faults.IsEmpty;

    public void Dispose()
    {
        _faults.Clear();
        _server.Stop();
        _server.Dispose();
    }

    private async Task<IResponseMessage> RespondAsync(IRequestMessage request)
    {
        Interlocked.Increment(ref _received);
        _arrivals.Enqueue(_time.GetElapsedTime(_origin));
        foreach (var fault in _faults.Values)
        {
            if (!fault.Hits())
            {
                continue;
            }

            var spec = fault.Spec;
            if (spec.Delay > TimeSpan.Zero)
            {
                await Task.Delay(spec.Delay, _time).ConfigureAwait(false);
            }

            if (spec.Kind == FaultKind.HttpError)
            {
                var error = Json(spec.Status, new JsonObject { ["error"] = $"injected fault {spec.Name}", ["service"] = ServiceName });
                if (spec.RetryAfter is { } retryAfter)
                {
                    error.AddHeader("Retry-After", ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture));
                }

                return error;
            }

            break;
        }

        return Json(200, new JsonObject { ["status"] = "ok", ["service"] = ServiceName, ["path"] = request.Path });
    }

    private static ResponseMessage Json(int status, JsonObject body)
    {
        var message = new ResponseMessage
        {
            StatusCode = status,
            BodyData = new BodyData { DetectedBodyType = BodyType.String, BodyAsString = body.ToJsonString() },
        };
        message.AddHeader("Content-Type", "application/json");
        return message;
    }
}
