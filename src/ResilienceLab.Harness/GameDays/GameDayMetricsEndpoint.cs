using System.Net;
using System.Text;

namespace ResilienceLab.Harness.GameDays;

/// <summary>
/// <c>GET /metrics</c> on <c>http://127.0.0.1:PORT/</c> in the Prometheus text format, for the team's dashboards while a
/// game day runs. Loopback only and without a token: it only reads.
/// </summary>
public sealed class GameDayMetricsEndpoint : IAsyncDisposable
{
    private readonly Func<string> _render;
    private readonly LoopbackHttpServer _server;

    private GameDayMetricsEndpoint(Func<string> render, int? port)
    {
        _render = render;
        _server = LoopbackHttpServer.Start(port, HandleAsync);
    }

    public Uri Url => new(_server.Url, "metrics");

    public static GameDayMetricsEndpoint Start(Func<string> render, int? port)
    {
        ArgumentNullException.ThrowIfNull(render);
        return new GameDayMetricsEndpoint(render, port);
    }

    public ValueTask DisposeAsync() => _server.DisposeAsync();

    private async Task HandleAsync(HttpListenerContext context)
    {
        if (context.Request.HttpMethod != "GET" || context.Request.Url?.AbsolutePath.TrimEnd('/') != "/metrics")
        {
            context.Response.StatusCode = (int)HttpStatusCode.NotFound;
            return;
        }

        var bytes = Encoding.UTF8.GetBytes(_render());
        context.Response.StatusCode = (int)HttpStatusCode.OK;
        context.Response.ContentType = "text/plain; version=0.0.4; charset=utf-8";
        context.Response.ContentLength64 = bytes.Length;
        await context.Response.OutputStream.WriteAsync(bytes).ConfigureAwait(false);
    }
}
