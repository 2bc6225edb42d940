using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace ResilienceLab.Load.Tests.Http;

/// <summary>A real Kestrel server on 127.0.0.1 and a port of its own choosing, answering with <c>handler</c>; it notes each connection it served.</summary>
internal sealed class LoopbackKestrel : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, int> _connections = new();

    private LoopbackKestrel(WebApplication app) => _app = app;

    public Uri Url { get; private set; } = null!;

    /// <summary>How many connections requests came in on.</summary>
    public int Connections => _connections.Count;

    public static async Task<LoopbackKestrel> StartAsync(RequestDelegate handler)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(options => options.Listen(System.Net.IPAddress.Loopback, 0));
        var app = builder.Build();
        var server = new LoopbackKestrel(app);
        app.Run(context =>
        {
            server._connections.TryAdd(context.Connection.Id, 0);
            return handler(context);
        });
        await app.StartAsync();
        server.Url = new Uri(app.Urls.First() + "/");
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
