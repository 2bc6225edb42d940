using System.Collections.Concurrent;
using ResilienceLab.Harness.Runs;

namespace ResilienceLab.Harness.Health;

/// <summary>
/// The run's once-a-tenth-of-a-second loop on its <see cref="RunClock"/>: it samples the process's own health (the
/// thread pool's queue at every tick; CPU and GC pause time per second) and, as each second ends, raises
/// <see cref="SecondEnded"/> for the other per-second work (queue depths, sealing dependency histograms).
/// </summary>
public sealed class HarnessHealthSampler : IAsyncDisposable
{
    /// <summary>How often the thread pool's queue is read.</summary>
    public static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(100);

    private readonly RunClock _clock;
    private readonly IProcessGauges _gauges;
    private readonly ConcurrentDictionary<int, HarnessSample> _seconds = new();
    private readonly CancellationTokenSource _stop = new();
    private Task? _loop;
    private int _disposed;
    private int _current;
    private long _queueMax;
    private ProcessGaugeReading _atSecondStart;
    private TimeSpan _secondStartedAt;

    public HarnessHealthSampler(RunClock clock, IProcessGauges gauges)
    {
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(gauges);
        _clock = clock;
        _gauges = gauges;
    }

    /// <summary>Raised on the sampler's loop once a second has ended, with that second.</summary>
    public event Action<int>? SecondEnded;

    /// <summary>The seconds sampled so far, in order.</summary>
    public IReadOnlyList<HarnessSample> Seconds => [.. _seconds.Values.OrderBy(s => s.Second)];

    /// <summary>Starts sampling from the clock's origin (call after <see cref="RunClock.Restart"/>).</summary>
    public void Start()
    {
        Begin();
        _loop = LoopAsync(_stop.Token);
    }

    /// <summary>Takes the first reading; <see cref="Sample"/> then works without the loop (tests drive it by hand).</summary>
    internal void Begin()
    {
        _current = Math.Max(0, _clock.Second);
        _secondStartedAt = _clock.Elapsed;
        _atSecondStart = _gauges.Read();
        _queueMax = _atSecondStart.ThreadPoolQueue;
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await _stop.CancelAsync().ConfigureAwait(false);
        if (_loop is not null)
        {
            await _loop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        _stop.Dispose();
    }

    /// <summary>One tick: the queue now, and the second's figures once it has ended.</summary>
    internal void Sample()
    {
        var reading = _gauges.Read();
        var now = _clock.Elapsed;
        var second = (int)Math.Floor(now.TotalSeconds);
        if (second > _current)
        {
            var wall = now - _secondStartedAt;
            var cpu = wall > TimeSpan.Zero
                ? (reading.CpuTime - _atSecondStart.CpuTime).TotalMilliseconds / (wall.TotalMilliseconds * Math.Max(1, _gauges.ProcessorCount)) * 100
                : 0;
            var ended = _current;
            _seconds[ended] = new HarnessSample(
                ended,
                Math.Max(_queueMax, reading.ThreadPoolQueue),
                Math.Round((reading.GcPause - _atSecondStart.GcPause).TotalMilliseconds, 3),
                Math.Round(Math.Clamp(cpu, 0, 100), 1));
            _current = second;
            _secondStartedAt = now;
            _atSecondStart = reading;
            _queueMax = reading.ThreadPoolQueue;
            SecondEnded?.Invoke(ended);
            return;
        }

        _queueMax = Math.Max(_queueMax, reading.ThreadPoolQueue);
    }

    private async Task LoopAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(Tick, _clock.Time);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                Sample();
            }
        }
        catch (OperationCanceledException)
        {
            // The run ended.
        }
    }
}
