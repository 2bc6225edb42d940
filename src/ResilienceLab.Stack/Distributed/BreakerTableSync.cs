using System.Collections.Concurrent;
using ResilienceLab.Stack.Ports;

namespace ResilienceLab.Stack.Distributed;

/// <summary>
/// The bounded mode's only contact with the table: every <see cref="DistributedBreakerOptions.RefreshInterval"/> it
/// synchronises each service's <see cref="SharedBreakerView"/> with at most two operations (a counter flush or a read,
/// then one state change, probe claim, creation or re-read), on a <see cref="TimeProvider"/> timer.
/// </summary>
/// <remarks>
/// A refresh still waiting on the table when the next is due makes that one skip, so a slow table slows the refreshes
/// down instead of piling operations up; the call path never waits for any of it.
/// </remarks>
internal sealed class BreakerTableSync : IAsyncDisposable
{
    private static readonly TimeSpan FinalFlushTimeout = TimeSpan.FromSeconds(2);

    private readonly IBreakerTable _table;
    private readonly DistributedBreakerOptions _options;
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<string, SharedBreakerView> _views;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _lock = new();
    private ITimer? _timer;
    private Task _current = Task.CompletedTask;
    private int _running;
    private bool _disposed;

    public BreakerTableSync(IBreakerTable table, DistributedBreakerOptions options, TimeProvider time, ConcurrentDictionary<string, SharedBreakerView> views)
    {
        _table = table;
        _options = options;
        _time = time;
        _views = views;
    }

    /// <summary>Starts the timer (once); the first synchronisation is one interval away.</summary>
    public void EnsureStarted()
    {
        if (Volatile.Read(ref _timer) is not null)
        {
            return;
        }

        lock (_lock)
        {
            if (_timer is null && !_disposed)
            {
                _timer = _time.CreateTimer(_ => OnTick(), null, _options.RefreshInterval, _options.RefreshInterval);
            }
        }
    }

    /// <summary>Synchronises every view once (tests drive this directly; the timer calls it too).</summary>
    public Task SyncAllAsync(CancellationToken cancellationToken)
    {
        var views = _views.Values.ToArray();
        return views.Length == 1 ? SyncAsync(views[0], cancellationToken) : Task.WhenAll(views.Select(view => SyncAsync(view, cancellationToken)));
    }

    /// <summary>Stops the timer, cancels a synchronisation under way, then flushes what is still counted (bounded by a short timeout).</summary>
    public async ValueTask DisposeAsync()
    {
        Task current;
        lock (_lock)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _timer?.Dispose();
            current = _current;
        }

        // A synchronisation stuck on a slow table is cancelled (its counts go back to the view) rather than awaited.
        await _stopping.CancelAsync().ConfigureAwait(false);
        await current.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        if (_timer is not null)
        {
            using var flush = new CancellationTokenSource(FinalFlushTimeout, _time);
            await SyncAllAsync(flush.Token).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    private void OnTick()
    {
        // A synchronisation still waiting on the table makes this tick skip: operations stay bounded when the table is slow.
        if (Interlocked.CompareExchange(ref _running, 1, 0) != 0)
        {
            return;
        }

        lock (_lock)
        {
            if (_disposed)
            {
                Volatile.Write(ref _running, 0);
                return;
            }

            _current = RunAsync();
        }
    }

    private async Task RunAsync()
    {
        try
        {
            await SyncAllAsync(_stopping.Token).ConfigureAwait(false);
        }
        finally
        {
            Volatile.Write(ref _running, 0);
        }
    }

    private async Task SyncAsync(SharedBreakerView view, CancellationToken cancellationToken)
    {
        var plan = view.BeginSync();
        var item = plan.Item;
        var countsApplied = false;
        try
        {
            var flush = item is null ? null : BoundedBreakerRules.Flush(item, plan, _options);
            if (flush is null)
            {
                item = await _table.GetAsync(view.ServiceName, cancellationToken).ConfigureAwait(false);
                if (item is null)
                {
                    // Nobody wrote this service yet: create it; the counts go with the next flush.
                    var created = BoundedBreakerRules.NewItem(view.ServiceName, _options);
                    item = await _table.TryPutAsync(created, expectedVersion: null, cancellationToken).ConfigureAwait(false) ? created : null;
                    view.CompleteSync(plan, item, countsApplied, probesClaimed: 0);
                    return;
                }
            }
            else
            {
                var flushed = await _table.AddCountersAsync(flush, cancellationToken).ConfigureAwait(false);
                countsApplied = flushed.Applied;
                item = flushed.Item;
                if (item is null)
                {
                    // Refused without the item as it stands (or it is gone): the second operation re-reads it.
                    item = await _table.GetAsync(view.ServiceName, cancellationToken).ConfigureAwait(false);
                    view.CompleteSync(plan, item, countsApplied, probesClaimed: 0);
                    return;
                }
            }

            var claimed = 0;
            var (change, claim) = BoundedBreakerRules.Next(item, plan, Now(), _options);
            if (change is not null)
            {
                var changed = await _table.TryChangeStateAsync(change, cancellationToken).ConfigureAwait(false);
                claimed = changed.Applied ? change.HalfOpenCalls : 0;
                item = changed.Item ?? (changed.Applied ? change.ApplyTo(item) : null);
            }
            else if (claim is not null)
            {
                var claimedSlots = await _table.AddCountersAsync(claim, cancellationToken).ConfigureAwait(false);
                claimed = claimedSlots.Applied ? claim.ProbeClaims : 0;
                item = claimedSlots.Item ?? (claimedSlots.Applied ? claim.ApplyTo(item) : null);
            }

            view.CompleteSync(plan, item, countsApplied, claimed);
        }
        catch (Exception ex)
        {
            // Whatever the table threw (an outage, a timeout, the run stopping), the view decides without it until it answers again.
            var problem = ex is PortException or OperationCanceledException ? DistributedBreakerConstants.ReasonTableUnavailable : $"{DistributedBreakerConstants.ReasonTableUnavailable} ({ex.GetType().Name})";
            view.FailSync(plan, countsApplied, countsApplied ? item : null, problem);
        }
    }

    // Seconds since the epoch as a double, as the document's time.time().
    private double Now() => _time.GetUtcNow().ToUnixTimeMilliseconds() / 1000.0;
}
