using System.Net;
using System.Net.Sockets;

namespace ResilienceLab.Tests.Shared;

/// <summary>A loopback port that accepts every connection and never answers a byte: an endpoint that hangs.</summary>
public sealed class SilentEndpoint : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly List<Socket> _accepted = [];
    private readonly Task _accepting;

    public SilentEndpoint()
    {
        _listener.Start();
        Url = new Uri($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/");
        _accepting = AcceptForeverAsync();
    }

    public Uri Url { get; }

    /// <summary>Connections accepted so far.</summary>
    public int Connections
    {
        get
        {
            lock (_accepted)
            {
                return _accepted.Count;
            }
        }
    }

    public void Dispose()
    {
        _listener.Stop();
        _accepting.Wait(TimeSpan.FromSeconds(5));
        lock (_accepted)
        {
            _accepted.ForEach(s => s.Dispose());
        }
    }

    private async Task AcceptForeverAsync()
    {
        try
        {
            while (true)
            {
                var socket = await _listener.AcceptSocketAsync().ConfigureAwait(false);
                lock (_accepted)
                {
                    _accepted.Add(socket);
                }
            }
        }
        catch (Exception exception) when (exception is SocketException or ObjectDisposedException)
        {
            // The listener stopped.
        }
    }
}
