using System.Net;
using System.Net.Sockets;

namespace ResilienceLab.Harness.GameDays;

/// <summary>
/// An <see cref="HttpListener"/> on <c>http://127.0.0.1:PORT/</c> only (a wildcard host only when a caller asks for every
/// address, e.g. a dependency host with --allow-remote), handing each request to a handler. Port 0 (or none) picks a
/// free port. Disposing stops it and waits for the accept loop.
/// </summary>
internal sealed class LoopbackHttpServer : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Func<HttpListenerContext, Task> _handle;
    private readonly Task _loop;

    private LoopbackHttpServer(int port, bool anyAddress, Func<HttpListenerContext, Task> handle)
    {
        _handle = handle;
        Url = new Uri($"http://127.0.0.1:{port}/");
        _listener.Prefixes.Add(anyAddress ? $"http://+:{port}/" : Url.AbsoluteUri);
        _listener.Start();
        _loop = Task.Run(AcceptAsync);
    }

    public Uri Url { get; }

    /// <exception cref="HttpListenerException">The port is taken.</exception>
    public static LoopbackHttpServer Start(int? port, Func<HttpListenerContext, Task> handle) => Start(port, anyAddress: false, handle);

    /// <summary>As <see cref="Start(int?, Func{HttpListenerContext, Task})"/>; <paramref name="anyAddress"/> listens on every address, not only loopback.</summary>
    /// <exception cref="HttpListenerException">The port is taken.</exception>
    public static LoopbackHttpServer Start(int? port, bool anyAddress, Func<HttpListenerContext, Task> handle)
    {
        ArgumentNullException.ThrowIfNull(handle);
        if (port is { } fixedPort and > 0)
        {
            return new LoopbackHttpServer(fixedPort, anyAddress, handle);
        }

        // HttpListener cannot bind port 0; take a free port from the OS, retrying if another process grabs it first.
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return new LoopbackHttpServer(FreePort(), anyAddress, handle);
            }
            catch (HttpListenerException) when (attempt < 5)
            {
                // Taken between the probe and the bind: try another.
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        await _loop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _listener.Close();
    }

    private static void TryAnswerServerError(HttpListenerContext context)
    {
        try
        {
            var body = "{\"ok\":false,\"error\":\"internal error; the request was not carried out\"}"u8.ToArray();
            context.Response.StatusCode = (int)HttpStatusCode.InternalServerError;
            context.Response.ContentType = "application/json; charset=utf-8";
            context.Response.ContentLength64 = body.Length;
            context.Response.OutputStream.Write(body);
        }
        catch (Exception ex) when (ex is HttpListenerException or IOException or ObjectDisposedException or InvalidOperationException)
        {
            // Headers already went out or the client is gone; closing the response is all that is left.
        }
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }

    private async Task AcceptAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync().ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            _ = Task.Run(() => ServeAsync(context));
        }
    }

    private async Task ServeAsync(HttpListenerContext context)
    {
        try
        {
            await _handle(context).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is HttpListenerException or IOException or ObjectDisposedException)
        {
            // The client went away or the server is stopping; nothing to answer.
        }
        catch (Exception)
        {
            // Whatever the handler could not do was not done: say so, never a 200 by default.
            TryAnswerServerError(context);
        }
        finally
        {
            try
            {
                context.Response.Close();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                // Already closed by the client or the listener.
            }
        }
    }
}
