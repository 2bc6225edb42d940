using ResilienceLab.Stack.Ports;

namespace ResilienceLab.Stack.Tests.Fakes;

/// <summary>An event bus that records what it accepted, with an outage switch and per-entry failures.</summary>
internal sealed class InMemoryEventBus : IEventBus
{
    private readonly Lock _lock = new();
    private readonly List<EventEntry> _delivered = [];
    private readonly List<(int Count, TaskCompletionSource Signal)> _waiters = [];
    private int _calls;

    public string Name => "loose-coupling-events";

    /// <summary>When true PutEvents throws <see cref="PortException"/> (ServiceUnavailable).</summary>
    public bool Unavailable { get; set; }

    /// <summary>When true every entry fails inside a successful PutEvents (FailedEntryCount > 0).</summary>
    public bool FailEntries { get; set; }

    public int Calls => Volatile.Read(ref _calls);

    public IReadOnlyList<EventEntry> Delivered
    {
        get
        {
            lock (_lock)
            {
                return [.. _delivered];
            }
        }
    }

    public Task WaitForDeliveredAsync(int count)
    {
        lock (_lock)
        {
            if (_delivered.Count >= count)
            {
                return Task.CompletedTask;
            }

            var signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((count, signal));
            return signal.Task;
        }
    }

    /// <summary>When set, every PutEvents waits for it before answering (calls pile up in flight). <value>Default null.</value></summary>
    public Task? Gate { get; set; }

    public async ValueTask<PutEventsResult> PutEventsAsync(IReadOnlyList<EventEntry> entries, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _calls);
        if (Gate is { } gate)
        {
            await gate.ConfigureAwait(false);
        }

        return Answer(entries);
    }

    private PutEventsResult Answer(IReadOnlyList<EventEntry> entries)
    {
        if (Unavailable)
        {
            throw new PortException("PutEvents", "ServiceUnavailable", "EventBridge is unavailable", isTransient: true);
        }

        if (FailEntries)
        {
            var failed = entries.Select(_ => new PutEventsResultEntry(null, "InternalFailure", "entry failed")).ToList();
            return new PutEventsResult(failed.Count, failed);
        }

        var results = new List<PutEventsResultEntry>();
        lock (_lock)
        {
            foreach (var entry in entries)
            {
                _delivered.Add(entry);
                results.Add(new PutEventsResultEntry($"event-{_delivered.Count}"));
            }

            foreach (var waiter in _waiters.Where(w => _delivered.Count >= w.Count).ToList())
            {
                waiter.Signal.TrySetResult();
                _waiters.Remove(waiter);
            }
        }

        return new PutEventsResult(0, results);
    }
}
