using System.Net;
using System.Net.Sockets;
using System.Text;

namespace ResilienceLab.Load.Tests.Http;

/// <summary>
/// A TCP server on 127.0.0.1 that plays a script per accepted connection (given the connection's number from 0), for
/// what a well-behaved server never does: answer garbage, stop mid-body, close a keep-alive connection, never answer.
/// </summary>
internal sealed class ScriptedServer : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;
    private int _accepted;

    public ScriptedServer(Func<NetworkStream, int, Task> script)
    {
        _listener.Start();
        Url = new Uri($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/");
        _accepting = AcceptAsync(script);
    }

    public Uri Url { get; }

    public int Accepted => Volatile.Read(ref _accepted);

    /// <summary>Reads one request's header section (up to the empty line).</summary>
    public static async Task<bool> ReadRequestAsync(NetworkStream stream)
    {
        var seen = new List<byte>();
        var buffer = new byte[1];
        while (await stream.ReadAsync(buffer) == 1)
        {
            seen.Add(buffer[0]);
            if (seen.Count >= 4 && seen[^4] == '\r' && seen[^3] == '\n' && seen[^2] == '\r' && seen[^1] == '\n')
            {
                return true;
            }
        }

        return false;
    }

    public static Task WriteAsync(NetworkStream stream, string text) => stream.WriteAsync(Encoding.ASCII.GetBytes(text)).AsTask();

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        try
        {
            _accepting.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // Stopped while accepting.
        }

        _stop.Dispose();
    }

    private async Task AcceptAsync(Func<NetworkStream, int, Task> script)
    {
        var connections = new List<Task>();
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                var number = Interlocked.Increment(ref _accepted) - 1;
                connections.Add(Task.Run(async () =>
                {
                    using (client)
                    {
                        try
                        {
                            await script(client.GetStream(), number);
                        }
                        catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException or OperationCanceledException)
                        {
                            // The client went away.
                        }
                    }
                }));
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Stopped.
        }
    }
}
