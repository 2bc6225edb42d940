using System.Globalization;
using ResilienceLab.Stack.Ports;

namespace ResilienceLab.Stack.Services;

/// <summary>
/// A producer's side of a request queue that survives the queue's outage: a send that fails (after the client's
/// retries) is kept in a bounded local outbox and the caller is told it was accepted; a pump resends the outbox in
/// order once the queue answers again. Only a full outbox fails the send. Counts what it accepted, buffered and dropped.
/// </summary>
public sealed class ProducerOutbox : IMessageQueue
{
    private readonly IMessageQueue _inner;
    private readonly int _capacity;
    private readonly TimeProvider _time;
    private readonly Queue<OutgoingMessage> _pending = new();
    private readonly Lock _lock = new();
    private readonly SemaphoreSlim _flushing = new(1, 1);
    private long _buffered;
    private long _deliveredLate;
    private long _sequence;

    public ProducerOutbox(IMessageQueue inner, int capacity, TimeProvider timeProvider)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(capacity);
        _inner = inner;
        _capacity = capacity;
        _time = timeProvider;
    }

    public string Name => _inner.Name;

    /// <summary>Messages waiting in the outbox for the queue to come back.</summary>
    public int Pending
    {
        get
        {
            lock (_lock)
            {
                return _pending.Count;
            }
        }
    }

    /// <summary>The messages waiting now, oldest first (a copy).</summary>
    public IReadOnlyList<OutgoingMessage> PendingMessages()
    {
        lock (_lock)
        {
            return [.. _pending];
        }
    }

    public long Buffered => Interlocked.Read(ref _buffered);

    public long DeliveredLate => Interlocked.Read(ref _deliveredLate);

    public async ValueTask<string> SendAsync(OutgoingMessage message, CancellationToken cancellationToken = default)
    {
        // Keep order: while older messages wait, a new one queues behind them.
        if (Pending == 0)
        {
            try
            {
                return await _inner.SendAsync(message, cancellationToken).ConfigureAwait(false);
            }
            catch (PortException) when (_capacity > 0)
            {
                // Fall through to the outbox.
            }
        }

        lock (_lock)
        {
            if (_pending.Count >= _capacity)
            {
                throw new PortException("SendMessage", "OutboxFull", $"{_inner.Name}: the queue is unavailable and the outbox is full ({_capacity})", isTransient: true);
            }

            _pending.Enqueue(message);
        }

        Interlocked.Increment(ref _buffered);
        return "outbox-" + Interlocked.Increment(ref _sequence).ToString(CultureInfo.InvariantCulture);
    }

    public async ValueTask<IReadOnlyList<string>> SendBatchAsync(IReadOnlyList<OutgoingMessage> messages, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var ids = new List<string>(messages.Count);
        foreach (var message in messages)
        {
            ids.Add(await SendAsync(message, cancellationToken).ConfigureAwait(false));
        }

        return ids;
    }

    /// <summary>Resends what waits, oldest first, stopping at the first failure; returns how many went out.</summary>
    public async Task<int> FlushAsync(CancellationToken cancellationToken = default)
    {
        if (!await _flushing.WaitAsync(0, cancellationToken).ConfigureAwait(false))
        {
            return 0;
        }

        var sent = 0;
        try
        {
            while (true)
            {
                OutgoingMessage? next;
                lock (_lock)
                {
                    if (!_pending.TryPeek(out next))
                    {
                        return sent;
                    }
                }

                try
                {
                    await _inner.SendAsync(next, cancellationToken).ConfigureAwait(false);
                }
                catch (PortException)
                {
                    return sent;
                }

                lock (_lock)
                {
                    _pending.Dequeue();
                }

                sent++;
                Interlocked.Increment(ref _deliveredLate);
            }
        }
        finally
        {
            _flushing.Release();
        }
    }

    /// <summary>Flushes every <paramref name="interval"/> until cancelled.</summary>
    public async Task RunAsync(TimeSpan interval, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(interval, _time);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                await FlushAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
            // Stopped with the run.
        }
    }

    public ValueTask<IReadOnlyList<ReceivedMessage>> ReceiveAsync(int maxMessages, TimeSpan waitTime, CancellationToken cancellationToken = default) =>
        _inner.ReceiveAsync(maxMessages, waitTime, cancellationToken);

    public ValueTask DeleteAsync(string receiptHandle, CancellationToken cancellationToken = default) => _inner.DeleteAsync(receiptHandle, cancellationToken);

    public ValueTask<QueueDepth> GetDepthAsync(CancellationToken cancellationToken = default) => _inner.GetDepthAsync(cancellationToken);
}
