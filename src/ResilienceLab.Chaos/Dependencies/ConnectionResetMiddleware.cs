using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Http;

namespace ResilienceLab.Chaos.Dependencies;

/// <summary>
/// Resets the connection (TCP RST) under a response the fault callback marked, just before its headers would be sent.
/// WireMock.Net has no connection reset fault and its callback has no HttpContext, so this runs in front of WireMock's
/// middleware, where Kestrel's socket is reachable; the per-request decision stays in the callback.
/// </summary>
internal static class ConnectionResetMiddleware
{
    /// <summary>Header the callback puts on a response whose connection must be reset instead; never reaches a client.</summary>
    public const string MarkerHeader = "X-ResilienceLab-Reset";

    public static void Install(object applicationBuilder) =>
        ((IApplicationBuilder)applicationBuilder).Use(static (context, next) =>
        {
            context.Response.OnStarting(static state =>
            {
                var http = (HttpContext)state;
                if (http.Response.Headers.ContainsKey(MarkerHeader))
                {
                    Reset(http);
                }

                return Task.CompletedTask;
            }, context);
            return next(context);
        });

    private static void Reset(HttpContext context)
    {
        if (context.Features.Get<IConnectionSocketFeature>()?.Socket is { } socket)
        {
            // Linger on with a zero timeout makes close() send RST instead of FIN.
            socket.LingerState = new LingerOption(true, 0);
            socket.Close();
        }

        context.Abort();
    }
}
