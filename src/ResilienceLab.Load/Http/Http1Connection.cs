using System.Net.Sockets;

namespace ResilienceLab.Load.Http;

/// <summary>
/// One keep-alive connection of <see cref="Http1LoadClient"/>: its socket (opened on demand, closed when the server
/// says so or a request fails), its receive buffer and response parser, and the deadline of the request it carries.
/// The deadline is one field the client's sweep compares with the clock; expiring or aborting it closes the socket, which
/// ends whatever the request was awaiting, so no timer or cancellation registration is needed per request.
/// </summary>
internal sealed class Http1Connection
{
    /// <summary>What <see cref="End"/> returns when the request ran to its end by itself.</summary>
    public const long Completed = 0;

    /// <summary>What <see cref="End"/> returns when the sweep found the request past its deadline.</summary>
    public const long TimedOut = -1;

    /// <summary>What <see cref="End"/> returns when the run cancelled the request.</summary>
    public const long Aborted = -2;

    private const int InitialBufferSize = 8 * 1024;
    private Socket? _socket;

    // 0: carrying no request; > 0: the deadline (a timestamp) of the request it carries; TimedOut or Aborted: interrupted.
    private long _deadline;

    public byte[] Buffer { get; private set; } = new byte[InitialBufferSize];

    public Http1ResponseParser Parser { get; } = new();

    /// <summary>The open socket, or null when the next request must connect first.</summary>
    public Socket? Socket => Volatile.Read(ref _socket);

    /// <summary>When the open socket connected (a timestamp), to retire it after the pooled connection lifetime.</summary>
    public long ConnectedAt { get; set; }

    /// <summary>True once the request it carries was timed out or aborted (its socket is closed then).</summary>
    public bool IsInterrupted => Volatile.Read(ref _deadline) < 0;

    /// <summary>Starts carrying a request that must end by <paramref name="deadline"/>.</summary>
    public void Begin(long deadline) => Volatile.Write(ref _deadline, Math.Max(1, deadline));

    /// <summary>Moves the deadline (connecting has its own); false when the request was already interrupted.</summary>
    public bool TryMoveDeadline(long deadline)
    {
        var current = Volatile.Read(ref _deadline);
        return current > 0 && Interlocked.CompareExchange(ref _deadline, Math.Max(1, deadline), current) == current;
    }

    /// <summary>Stops carrying the request: <see cref="Completed"/>, or how it was interrupted.</summary>
    public long End()
    {
        var previous = Interlocked.Exchange(ref _deadline, 0);
        return previous < 0 ? previous : Completed;
    }

    /// <summary>The sweep: interrupts the request if its deadline is at or before <paramref name="now"/>.</summary>
    public bool TryExpire(long now)
    {
        var deadline = Volatile.Read(ref _deadline);
        if (deadline <= 0 || deadline > now || Interlocked.CompareExchange(ref _deadline, TimedOut, deadline) != deadline)
        {
            return false;
        }

        Close();
        return true;
    }

    /// <summary>Interrupts the request it carries, if any, as cancelled.</summary>
    public void Abort()
    {
        while (Volatile.Read(ref _deadline) is var deadline && deadline > 0)
        {
            if (Interlocked.CompareExchange(ref _deadline, Aborted, deadline) == deadline)
            {
                Close();
                return;
            }
        }
    }

    /// <summary>Takes <paramref name="socket"/> as the connection's; closed at once if the request was interrupted meanwhile.</summary>
    public void Attach(Socket socket)
    {
        Volatile.Write(ref _socket, socket);
        if (IsInterrupted)
        {
            Close();
        }
    }

    public void Close() => Interlocked.Exchange(ref _socket, null)?.Dispose();

    /// <summary>Room for an unfinished line that filled the buffer (the header section is bounded by the parser).</summary>
    public void GrowBuffer()
    {
        var grown = new byte[Buffer.Length * 2];
        Buffer.CopyTo(grown, 0);
        Buffer = grown;
    }
}
