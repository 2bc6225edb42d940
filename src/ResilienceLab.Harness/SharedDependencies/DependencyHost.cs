using System.Net;
using System.Text;
using ResilienceLab.Chaos.Dependencies;
using ResilienceLab.Chaos.Faults;
using ResilienceLab.Harness.GameDays;
using ResilienceLab.Harness.Observations;
using ResilienceLab.Harness.Runs;

namespace ResilienceLab.Harness.SharedDependencies;

/// <summary>
/// The dependencies every agent of a distributed run calls: one WireMock server per configured service, the scenario's
/// HTTP faults switched on the run's shared clock, and a small JSON API (<c>GET /dependencies</c>: the servers' ports
/// and the start; <c>GET /records</c>: what the servers received and the faults' records). Disposing rolls every fault
/// back and stops the servers.
/// </summary>
public sealed class DependencyHost : IAsyncDisposable
{
    private readonly DependencyHostRequest _request;
    private readonly RunClock _clock;
    private readonly Dictionary<string, DependencyServer> _servers;
    private readonly Dictionary<string, int> _ports;
    private readonly FaultSchedule _faults;
    private readonly ITimer _atStart;
    private readonly ITimer _sealing;
    private LoopbackHttpServer? _api;

    private DependencyHost(DependencyHostRequest request, RunClock clock, Dictionary<string, DependencyServer> servers, Dictionary<string, int> ports, FaultSchedule faults)
    {
        _request = request;
        _clock = clock;
        _servers = servers;
        _ports = ports;
        _faults = faults;
        var time = clock.Time;
        var untilStart = -clock.Elapsed;

        // Requests before the start are the agents' warm-up: the servers forget them when the run starts.
        _atStart = time.CreateTimer(_ => ResetOrigins(), null, untilStart > TimeSpan.Zero ? untilStart : TimeSpan.Zero, Timeout.InfiniteTimeSpan);
        _sealing = time.CreateTimer(_ => Seal(), null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
    }

    /// <summary>The API's address (on 127.0.0.1; on every address too with <see cref="DependencyHostRequest.AllowRemote"/>).</summary>
    public Uri Url => _api!.Url;

    /// <summary>The run's time zero.</summary>
    public DateTimeOffset StartAt => _clock.OriginUtc;

    /// <summary>Each service's server port.</summary>
    public IReadOnlyDictionary<string, int> Ports => _ports;

    /// <summary>Starts the servers, arms the HTTP faults on the run's clock and opens the API.</summary>
    /// <exception cref="HttpListenerException">The API's port is taken.</exception>
    /// <exception cref="IOException">A server's port is taken.</exception>
    public static DependencyHost Start(DependencyHostRequest request, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(time);
        var clock = new RunClock(time);
        clock.Restart(request.StartAt ?? time.GetUtcNow() + DependencyHostRequest.DefaultLead);
        var servers = new Dictionary<string, DependencyServer>(StringComparer.Ordinal);
        var ports = new Dictionary<string, int>(StringComparer.Ordinal);
        FaultSchedule? faults = null;
        DependencyHost? host = null;
        try
        {
            var address = request.AllowRemote ? "0.0.0.0" : "127.0.0.1";
            foreach (var (service, index) in request.Config.Services.Select((s, i) => (s, i)))
            {
                var port = request.Port is { } api and > 0 ? api + 1 + index : 0;
                var server = DependencyServer.Start(service.Name, time, clock.Origin, service.StubLatency, $"http://{address}:{port}");
                servers[service.Name] = server;
                ports[service.Name] = server.Endpoint.Port;
            }

            var http = request.Scenario.Faults.Where(f => f.Category == FaultCategory.Http);
            faults = new FaultSchedule(http, servers, time, clock.Origin, request.Seed ?? request.Scenario.Seed);
            host = new DependencyHost(request, clock, servers, ports, faults);
            host._api = LoopbackHttpServer.Start(request.Port, request.AllowRemote, host.HandleAsync);
            faults.Arm();
            return host;
        }
        catch
        {
            if (host is not null)
            {
                host.DisposeAsync().AsTask().GetAwaiter().GetResult();
            }
            else
            {
                faults?.Dispose();
                foreach (var server in servers.Values)
                {
                    server.Dispose();
                }
            }

            throw;
        }
    }

    /// <summary>What the servers received since the start, and the faults' records so far.</summary>
    public DependencyHostRecords Records()
    {
        Seal();
        return Addresses() with
        {
            Services = _servers.ToDictionary(
                s => s.Key,
                s => new HostedDependency
                {
                    Port = _ports[s.Key],
                    ArrivalsUs = [.. s.Value.Arrivals().Where(a => a >= TimeSpan.Zero).Select(Microseconds).Order()],
                    ArrivalsByInstanceUs = s.Value.ArrivalsByInstanceId().ToDictionary(
                        i => i.Key, i => (IReadOnlyList<long>)[.. i.Value.Where(a => a >= TimeSpan.Zero).Select(Microseconds).Order()], StringComparer.Ordinal),
                    AddedLatency = _clock.Elapsed >= TimeSpan.Zero ? s.Value.AddedLatency() : new Dictionary<int, string>(),
                },
                StringComparer.Ordinal),
            Faults = [.. FaultReports.From(_faults.Records())],
        };
    }

    /// <summary>The servers' ports and the start, without records (what an agent needs).</summary>
    public DependencyHostRecords Addresses() => new()
    {
        Scenario = _request.Scenario.Name,
        Instances = _request.Scenario.Instances,
        Origin = _clock.OriginUtc,
        Services = _ports.ToDictionary(p => p.Key, p => new HostedDependency { Port = p.Value }, StringComparer.Ordinal),
    };

    /// <summary>Switches every fault off (a Ctrl-C); safe to call more than once.</summary>
    public void RollbackFaults() => _faults.RollbackAll();

    public async ValueTask DisposeAsync()
    {
        _faults.RollbackAll();
        await _atStart.DisposeAsync().ConfigureAwait(false);
        await _sealing.DisposeAsync().ConfigureAwait(false);
        if (_api is not null)
        {
            await _api.DisposeAsync().ConfigureAwait(false);
        }

        foreach (var server in _servers.Values)
        {
            server.Dispose();
        }
    }

    private static long Microseconds(TimeSpan offset) => (long)Math.Round(offset.TotalMicroseconds);

    private void ResetOrigins()
    {
        foreach (var server in _servers.Values)
        {
            server.ResetOrigin(_clock.Origin);
        }
    }

    private void Seal()
    {
        var second = _clock.Second;
        if (second > 0)
        {
            foreach (var server in _servers.Values)
            {
                server.SealAddedLatency(second);
            }
        }
    }

    private async Task HandleAsync(HttpListenerContext context)
    {
        var path = context.Request.Url?.AbsolutePath.TrimEnd('/') ?? string.Empty;
        var (status, body) = (context.Request.HttpMethod, path) switch
        {
            ("GET", "" or "/dependencies") => (HttpStatusCode.OK, DependencyHostJson.Serialize(Addresses())),
            ("GET", "/records") => (HttpStatusCode.OK, DependencyHostJson.Serialize(Records())),
            ("GET", _) => (HttpStatusCode.NotFound, "{\"error\":\"not found: GET /dependencies or /records\"}"),
            _ => (HttpStatusCode.MethodNotAllowed, "{\"error\":\"only GET\"}"),
        };
        var bytes = Encoding.UTF8.GetBytes(body);
        context.Response.StatusCode = (int)status;
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.ContentLength64 = bytes.Length;
        await context.Response.OutputStream.WriteAsync(bytes).ConfigureAwait(false);
    }
}
