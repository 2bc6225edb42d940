namespace ResilienceLab.Stack.Bulkheads;

/// <summary>
/// Isolates one dependency: at most <see cref="BulkheadOptions.MaxConcurrency"/> calls in progress, at most
/// <see cref="BulkheadOptions.MaxQueue"/> waiting (first in, first out), the rest rejected with <c>bulkhead_full</c>,
/// so a slow dependency ties up a bounded share of the caller. Polly.Core has no concurrency limiter (it lives in
/// Polly.RateLimiting), hence this one.
/// </summary>
public sealed class Bulkhead
{
    private readonly Lock _lock = new();
    private readonly LinkedList<TaskCompletionSource<BulkheadLease>> _waiters = new();
    private readonly BulkheadOptions _options;
    private int _active;
    private long _rejected;

    public Bulkhead(string name, BulkheadOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Name = name;
        _options = options;
    }

    public string Name { get; }

    /// <summary>Calls holding a slot now.</summary>
    public int Active
    {
        get
        {
            lock (_lock)
            {
                return _active;
            }
        }
    }

    /// <summary>Calls waiting for a slot now.</summary>
    public int Queued
    {
        get
        {
            lock (_lock)
            {
                return _waiters.Count;
            }
        }
    }

    /// <summary>Calls rejected so far.</summary>
    public long Rejected => Interlocked.Read(ref _rejected);

    /// <summary>
    /// A slot, now or when one frees up; throws <see cref="BulkheadRejectedException"/> when all slots and the queue are full,
    /// <see cref="OperationCanceledException"/> when <paramref name="cancellationToken"/> fires while waiting.
    /// </summary>
    public ValueTask<BulkheadLease> AcquireAsync(CancellationToken cancellationToken = default)
    {
        var pending = TryAcquireAsync(cancellationToken);
        if (!pending.IsCompletedSuccessfully)
        {
            return WhenGranted(pending);
        }

        return pending.Result is { } lease
            ? new ValueTask<BulkheadLease>(lease)
            : throw new BulkheadRejectedException(Name, _options.MaxConcurrency, _options.MaxQueue);

        static async ValueTask<BulkheadLease> WhenGranted(ValueTask<BulkheadLease?> pending) =>
            (await pending.ConfigureAwait(false))!;
    }

    /// <summary>
    /// A slot, now or when one frees up; null at once when all slots and the queue are full (counted in
    /// <see cref="Rejected"/>), so a caller that sheds load under pressure pays for no exception;
    /// <see cref="OperationCanceledException"/> when <paramref name="cancellationToken"/> fires while waiting.
    /// </summary>
    public ValueTask<BulkheadLease?> TryAcquireAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        LinkedListNode<TaskCompletionSource<BulkheadLease>> node;
        lock (_lock)
        {
            if (_active < _options.MaxConcurrency)
            {
                _active++;
                return new ValueTask<BulkheadLease?>(new BulkheadLease(this));
            }

            if (_waiters.Count >= _options.MaxQueue)
            {
                _rejected++;
                return new ValueTask<BulkheadLease?>((BulkheadLease?)null);
            }

            node = _waiters.AddLast(new TaskCompletionSource<BulkheadLease>(TaskCreationOptions.RunContinuationsAsynchronously));
        }

        return WaitAsync(node, cancellationToken);
    }

    /// <summary>The reason and message a rejected call reports, the same as <see cref="BulkheadRejectedException"/>'s.</summary>
    internal string RejectionMessage => BulkheadRejectedException.Describe(Name, _options.MaxConcurrency, _options.MaxQueue);

    /// <summary>A slot if one is free now, without queueing.</summary>
    public bool TryAcquire(out BulkheadLease? lease)
    {
        lock (_lock)
        {
            if (_active < _options.MaxConcurrency)
            {
                _active++;
                lease = new BulkheadLease(this);
                return true;
            }
        }

        lease = null;
        return false;
    }

    internal void Release()
    {
        TaskCompletionSource<BulkheadLease>? next = null;
        lock (_lock)
        {
            if (_waiters.First is { } first)
            {
                // The slot passes straight to the first waiter; _active stays the same.
                _waiters.RemoveFirst();
                next = first.Value;
            }
            else
            {
                _active--;
            }
        }

        next?.TrySetResult(new BulkheadLease(this));
    }

    private async ValueTask<BulkheadLease?> WaitAsync(LinkedListNode<TaskCompletionSource<BulkheadLease>> node, CancellationToken cancellationToken)
    {
        await using var registration = cancellationToken.Register(() =>
        {
            bool removed;
            lock (_lock)
            {
                // Whoever removes the node under the lock owns it: a release that got there first has handed over a slot.
                removed = node.List is not null;
                if (removed)
                {
                    _waiters.Remove(node);
                }
            }

            if (removed)
            {
                node.Value.TrySetCanceled(cancellationToken);
            }
        }).ConfigureAwait(false);
        return await node.Value.Task.ConfigureAwait(false);
    }
}
