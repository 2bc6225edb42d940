using System.Net;
using System.Net.Sockets;

namespace ResilienceLab.Load.Http;

/// <summary>
/// Compiles the load generator's own code before time zero. It is compiled on first use, tens of milliseconds on a busy
/// machine, and every start due meanwhile would be late; so a short dry run of the same plan shape (scheduler thread,
/// launcher, stats, HTTP/1.1 client, socket engine) runs against a throwaway server inside this process on 127.0.0.1.
/// The target sees no traffic: its connections are still opened, and measured, by the run itself.
/// </summary>
internal static class EngineWarmUp
{
    private const int Iterations = 200;
    private static readonly byte[] Answer = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"u8.ToArray();

    public static async Task RunAsync(LoadPlan plan, CancellationToken cancellationToken)
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var serving = ServeAsync(listener, stop.Token);
        try
        {
            var url = new Uri($"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/");
            using var client = new Http1LoadClient(new HttpLoadOptions(url, TimeSpan.FromSeconds(1)) { Connections = 2 }, TimeProvider.System);
            LoadSimulation dryRun = plan.IsOpenModel
                ? new IterationsForInject(Iterations * 20, TimeSpan.FromSeconds(1), Iterations)
                : new IterationsForConstant(2, Iterations);
            await new LoadRunner(TimeProvider.System).RunAsync(
                new LoadPlan([dryRun]) { InlineStarts = plan.InlineStarts, GracePeriod = TimeSpan.FromSeconds(2) },
                (_, token) => client.SendAsync(token), progress: null, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await stop.CancelAsync().ConfigureAwait(false);
            listener.Stop();
            await serving.ConfigureAwait(false);
        }
    }

    // Answers every request on every connection with the same short 200.
    private static async Task ServeAsync(TcpListener listener, CancellationToken stop)
    {
        var connections = new List<Task>();
        try
        {
            while (true)
            {
                var socket = await listener.AcceptSocketAsync(stop).ConfigureAwait(false);
                connections.Add(AnswerAsync(socket, stop));
            }
        }
        catch (Exception exception) when (exception is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Stopped.
        }

        await Task.WhenAll(connections).ConfigureAwait(false);
    }

    private static async Task AnswerAsync(Socket socket, CancellationToken stop)
    {
        using (socket)
        {
            var buffer = new byte[4096];
            var pending = 0;
            try
            {
                while (await socket.ReceiveAsync(buffer.AsMemory(pending), SocketFlags.None, stop).ConfigureAwait(false) is var read and > 0)
                {
                    pending += read;
                    int end;
                    while ((end = buffer.AsSpan(0, pending).IndexOf("\r\n\r\n"u8)) >= 0)
                    {
                        await socket.SendAsync(Answer, SocketFlags.None, stop).ConfigureAwait(false);
                        buffer.AsSpan(end + 4, pending - end - 4).CopyTo(buffer);
                        pending -= end + 4;
                    }
                }
            }
            catch (Exception exception) when (exception is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                // The dry run is over.
            }
        }
    }
}
