using System.Net;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using System.Text;

namespace ResilienceLab.Load.Http;

/// <summary>
/// A lean HTTP/1.1 client for plain http:// load, in the manner of wrk: the GET request is encoded once and written as
/// is, the response is read by <see cref="Http1ResponseParser"/> and its body skipped, over at most
/// <see cref="HttpLoadOptions.EffectiveConnections"/> keep-alive connections (requests beyond them wait for one, as
/// HttpClient's would). Timeouts are deadlines checked by one periodic sweep on the run's clock, not a timer per request.
/// A request on a reused connection that the server had closed is retried once on a new one, as HttpClient does.
/// </summary>
internal sealed class Http1LoadClient : IDisposable
{
    private static readonly TimeSpan MinSweepPeriod = TimeSpan.FromMilliseconds(1);
    private static readonly TimeSpan MaxSweepPeriod = TimeSpan.FromMilliseconds(50);

    private readonly TimeProvider _timeProvider;
    private readonly Uri _url;
    private readonly byte[] _request;
    private readonly long _requestTimeout;
    private readonly long _connectTimeout;
    private readonly long _connectionLifetime;
    private readonly Http1Connection?[] _connections;
    private readonly Stack<Http1Connection> _idle = new();
    private readonly Queue<ConnectionWaiter> _waiters = new();
    private readonly Lock _gate = new();
    private readonly List<CancellationTokenRegistration> _registrations = [];
    private readonly HashSet<CancellationToken> _observed = [];
    private readonly ITimer _sweep;
    private EndPoint[]? _endpoints;
    private CancellationToken _lastObserved;
    private int _created;

    public Http1LoadClient(HttpLoadOptions options, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Url.Scheme != Uri.UriSchemeHttp)
        {
            throw new ArgumentException($"the HTTP/1.1 load client speaks plain http://, not {options.Url.Scheme}://", nameof(options));
        }

        _timeProvider = timeProvider;
        _url = options.Url;
        _request = EncodeRequest(options.Url);
        _requestTimeout = ToTimestampUnits(options.RequestTimeout);
        _connectTimeout = ToTimestampUnits(options.ConnectTimeout < options.RequestTimeout ? options.ConnectTimeout : options.RequestTimeout);
        _connectionLifetime = ToTimestampUnits(options.PooledConnectionLifetime);
        _connections = new Http1Connection?[options.EffectiveConnections];
        var period = TimeSpan.FromTicks(Math.Clamp(
            (options.ConnectTimeout < options.RequestTimeout ? options.ConnectTimeout : options.RequestTimeout).Ticks / 20,
            MinSweepPeriod.Ticks, MaxSweepPeriod.Ticks));
        _sweep = timeProvider.CreateTimer(static state => ((Http1LoadClient)state!).Sweep(), this, period, period);
    }

    /// <summary>"GET path?query HTTP/1.1" with Host, as wrk and HttpClient send it (no other header fields).</summary>
    public static byte[] EncodeRequest(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        var host = url.IsDefaultPort ? url.IdnHost : $"{url.IdnHost}:{url.Port}";
        return Encoding.ASCII.GetBytes($"GET {url.PathAndQuery} HTTP/1.1\r\nHost: {host}\r\n\r\n");
    }

    /// <summary>
    /// One GET: ok for 1xx–3xx, <c>http_NNN</c> from 400, <c>timeout</c> past the request timeout (waiting for a connection
    /// and connecting included), socket errors named by <see cref="HttpFailureClassifier"/>, <c>response_ended</c> when the
    /// server closes mid-response, <c>invalid_response</c> for bytes that are not HTTP/1.x. Throws
    /// <see cref="OperationCanceledException"/> when <paramref name="cancellationToken"/> cancels it.
    /// </summary>
    public ValueTask<IterationOutcome> SendAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Observe(cancellationToken);
        var now = _timeProvider.GetTimestamp();
        var deadline = now + _requestTimeout;
        return Rent(deadline, out var waiter) is { } connection
            ? RunAsync(connection, now, deadline, cancellationToken)
            : WaitThenRunAsync(waiter!, deadline, cancellationToken);
    }

    public void Dispose()
    {
        _sweep.Dispose();
        lock (_gate)
        {
            foreach (var registration in _registrations)
            {
                registration.Dispose();
            }
        }

        AbortAll();
        for (var index = 0; index < Volatile.Read(ref _created); index++)
        {
            _connections[index]?.Close();
        }
    }

    private async ValueTask<IterationOutcome> WaitThenRunAsync(ConnectionWaiter waiter, long deadline, CancellationToken cancellationToken)
    {
        var connection = await waiter.Task.ConfigureAwait(false);
        return connection is null
            ? IterationOutcome.Failure("timeout")
            : await RunAsync(connection, _timeProvider.GetTimestamp(), deadline, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Carries one request on <paramref name="connection"/> and gives the connection back, however it ends.</summary>
    /// <remarks>One state machine for the whole exchange: each level of awaiting costs a continuation per request.</remarks>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<IterationOutcome> RunAsync(Http1Connection connection, long now, long deadline, CancellationToken cancellationToken)
    {
        var parser = connection.Parser;
        IterationOutcome outcome;
        long ended;
        try
        {
            connection.Begin(deadline);
            if (cancellationToken.IsCancellationRequested)
            {
                connection.Abort();
            }

            if (connection.Socket is not null && now - connection.ConnectedAt >= _connectionLifetime)
            {
                connection.Close();
            }

            var reused = connection.Socket is not null;
            while (true)
            {
                parser.Reset();
                try
                {
                    var socket = connection.Socket;
                    if (socket is null)
                    {
                        reused = false;
                        socket = await ConnectAsync(connection, deadline).ConfigureAwait(false);
                    }

                    await socket.SendAsync(_request, SocketFlags.None).ConfigureAwait(false);
                    var buffered = 0;
                    while (true)
                    {
                        var buffer = connection.Buffer;
                        var read = await socket.ReceiveAsync(buffer.AsMemory(buffered), SocketFlags.None).ConfigureAwait(false);
                        if (read == 0)
                        {
                            connection.Close();
                            if (parser.CompletesAtEndOfStream())
                            {
                                outcome = OutcomeOf(parser.StatusCode);
                                goto Exchanged;
                            }

                            if (reused && !parser.HasStarted)
                            {
                                // The server closed the idle connection as the request went out: once more on a new one.
                                reused = false;
                                break;
                            }

                            outcome = IterationOutcome.Failure("response_ended");
                            goto Exchanged;
                        }

                        var available = buffered + read;
                        var status = parser.Parse(buffer.AsSpan(0, available), out var consumed);
                        if (status == Http1ParseStatus.Complete)
                        {
                            if (consumed < available || !parser.KeepAlive)
                            {
                                connection.Close();
                            }

                            outcome = OutcomeOf(parser.StatusCode);
                            goto Exchanged;
                        }

                        if (status == Http1ParseStatus.Invalid)
                        {
                            connection.Close();
                            outcome = IterationOutcome.Failure("invalid_response");
                            goto Exchanged;
                        }

                        buffered = available - consumed;
                        if (buffered > 0 && consumed > 0)
                        {
                            buffer.AsSpan(consumed, buffered).CopyTo(buffer);
                        }
                        else if (buffered == buffer.Length)
                        {
                            connection.GrowBuffer();
                        }
                    }
                }
                catch (Exception exception) when (exception is SocketException or ObjectDisposedException or IOException)
                {
                    connection.Close();
                    if (!connection.IsInterrupted && reused && !parser.HasStarted
                        && exception is SocketException { SocketErrorCode: SocketError.ConnectionReset or SocketError.ConnectionAborted or SocketError.Shutdown })
                    {
                        reused = false;
                        continue;
                    }

                    // When interrupted, the outcome is the interruption's (read below).
                    outcome = IterationOutcome.Failure(HttpFailureClassifier.ForException(exception, runCancelled: false));
                    goto Exchanged;
                }
            }

        Exchanged:;
        }
        finally
        {
            ended = connection.End();
            if (ended != Http1Connection.Completed)
            {
                connection.Close();
            }

            Return(connection);
        }

        return ended switch
        {
            Http1Connection.TimedOut => IterationOutcome.Failure("timeout"),
            Http1Connection.Aborted => throw new OperationCanceledException(cancellationToken),
            _ => outcome,
        };
    }

    private async ValueTask<Socket> ConnectAsync(Http1Connection connection, long deadline)
    {
        // Interrupted already: ends like a closed socket would.
        ObjectDisposedException.ThrowIf(!connection.TryMoveDeadline(Math.Min(deadline, _timeProvider.GetTimestamp() + _connectTimeout)), connection);

        var endpoints = _endpoints ??= await ResolveAsync().ConfigureAwait(false);
        for (var index = 0; ; index++)
        {
            var endpoint = endpoints[index];
            var socket = new Socket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            connection.Attach(socket);
            try
            {
                await socket.ConnectAsync(endpoint).ConfigureAwait(false);
            }
            catch (SocketException) when (index < endpoints.Length - 1 && !connection.IsInterrupted)
            {
                // localhost may resolve to ::1 and 127.0.0.1 while the server listens on one of them.
                connection.Close();
                continue;
            }

            connection.ConnectedAt = _timeProvider.GetTimestamp();
            if (index > 0)
            {
                // Later connections try the address that answered first.
                _endpoints = [endpoint, .. endpoints.Where(e => !ReferenceEquals(e, endpoint))];
            }

            ObjectDisposedException.ThrowIf(!connection.TryMoveDeadline(deadline), connection);

            return socket;
        }
    }

    private async ValueTask<EndPoint[]> ResolveAsync()
    {
        var host = _url.IdnHost.Trim('[', ']');
        if (IPAddress.TryParse(host, out var literal))
        {
            return [new IPEndPoint(literal, _url.Port)];
        }

        var addresses = await Dns.GetHostAddressesAsync(host).ConfigureAwait(false);
        if (addresses.Length == 0)
        {
            throw new SocketException((int)SocketError.HostNotFound);
        }

        return [.. addresses.Select(address => (EndPoint)new IPEndPoint(address, _url.Port))];
    }

    private static IterationOutcome OutcomeOf(int statusCode) =>
        HttpFailureClassifier.ForStatus((HttpStatusCode)statusCode) is { } reason ? IterationOutcome.Failure(reason) : IterationOutcome.Success;

    private Http1Connection? Rent(long deadline, out ConnectionWaiter? waiter)
    {
        waiter = null;
        lock (_gate)
        {
            if (_idle.TryPop(out var idle))
            {
                return idle;
            }

            if (_created < _connections.Length)
            {
                var created = new Http1Connection();
                _connections[_created] = created;
                Volatile.Write(ref _created, _created + 1);
                return created;
            }

            waiter = new ConnectionWaiter(deadline);
            _waiters.Enqueue(waiter);
            return null;
        }
    }

    private void Return(Http1Connection connection)
    {
        lock (_gate)
        {
            while (_waiters.TryDequeue(out var waiter))
            {
                if (waiter.TrySetResult(connection))
                {
                    return;
                }
            }

            _idle.Push(connection);
        }
    }

    // The run's cancellation token is the same for every request: registered once, it aborts whatever is in flight.
    private void Observe(CancellationToken cancellationToken)
    {
        if (!cancellationToken.CanBeCanceled || cancellationToken.Equals(_lastObserved))
        {
            return;
        }

        lock (_gate)
        {
            if (_observed.Add(cancellationToken))
            {
                _registrations.Add(cancellationToken.UnsafeRegister(static state => ((Http1LoadClient)state!).AbortAll(), this));
            }

            _lastObserved = cancellationToken;
        }
    }

    private void AbortAll()
    {
        for (var index = 0; index < Volatile.Read(ref _created); index++)
        {
            _connections[index]?.Abort();
        }

        lock (_gate)
        {
            while (_waiters.TryDequeue(out var waiter))
            {
                waiter.TrySetCanceled();
            }
        }
    }

    private void Sweep()
    {
        var now = _timeProvider.GetTimestamp();
        for (var index = 0; index < Volatile.Read(ref _created); index++)
        {
            _connections[index]?.TryExpire(now);
        }

        lock (_gate)
        {
            // Every waiter has the same timeout, so the queue is in deadline order.
            while (_waiters.TryPeek(out var waiter) && waiter.Deadline <= now)
            {
                _waiters.Dequeue();
                waiter.TrySetResult(null);
            }
        }
    }

    private long ToTimestampUnits(TimeSpan span) =>
        (long)Math.Min(long.MaxValue / 4, span.TotalSeconds * _timeProvider.TimestampFrequency);

    /// <summary>A request waiting for a connection: handed one by a returning request, or null at its deadline.</summary>
    private sealed class ConnectionWaiter(long deadline) : TaskCompletionSource<Http1Connection?>(TaskCreationOptions.RunContinuationsAsynchronously)
    {
        public long Deadline { get; } = deadline;
    }
}
