using System.Collections.Concurrent;
using ResilienceLab.Harness.Observations;
using ResilienceLab.Reporting.Model;
using ResilienceLab.Stack.Ports;

namespace ResilienceLab.Harness.Runs;

/// <summary>
/// Reads every queue's depth as each second of the run ends. A read that fails (an outage) or is still running when the
/// next second ends leaves that second unread: a gap, never a zero.
/// </summary>
internal sealed class QueueDepthSampler
{
    private readonly IReadOnlyDictionary<string, IMessageQueue> _queues;
    private readonly ConcurrentDictionary<(string Queue, int Second), QueueSample> _samples = new();
    private readonly CancellationToken _stopping;
    private int _reading;

    public QueueDepthSampler(IReadOnlyDictionary<string, IMessageQueue> queues, CancellationToken stopping)
    {
        _queues = queues;
        _stopping = stopping;
    }

    /// <summary>Starts reading the depths for <paramref name="second"/> unless the previous read is still under way.</summary>
    public void SecondEnded(int second)
    {
        if (_queues.Count == 0 || Interlocked.Exchange(ref _reading, 1) == 1)
        {
            return;
        }

        _ = ReadAsync(second);
    }

    /// <summary>
    /// Each queue's latest reading from <paramref name="second"/> or the <paramref name="maxAgeSeconds"/> seconds before
    /// it. The second that just ended may still be being read: the one before stands in. A queue unread for longer
    /// (its reads failing) has none: a gap, never an old depth passed off as the current one.
    /// </summary>
    public IReadOnlyDictionary<string, QueueSecond> LatestDepths(int second, int maxAgeSeconds)
    {
        var latest = new Dictionary<string, QueueSecond>(StringComparer.Ordinal);
        foreach (var queue in _queues.Keys)
        {
            for (var s = second; s >= Math.Max(0, second - maxAgeSeconds); s--)
            {
                if (_samples.TryGetValue((queue, s), out var sample))
                {
                    latest[queue] = new QueueSecond(sample.Visible, sample.InFlight);
                    break;
                }
            }
        }

        return latest;
    }

    /// <summary>Every queue's readings in second order (queues never read have none).</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<QueueSample>> Samples() =>
        _queues.Keys.ToDictionary(
            q => q,
            q => (IReadOnlyList<QueueSample>)[.. _samples.Where(s => s.Key.Queue == q).Select(s => s.Value).OrderBy(s => s.Second)],
            StringComparer.Ordinal);

    public void Clear() => _samples.Clear();

    private async Task ReadAsync(int second)
    {
        try
        {
            foreach (var (name, queue) in _queues)
            {
                try
                {
                    var depth = await queue.GetDepthAsync(_stopping).ConfigureAwait(false);
                    _samples[(name, second)] = new QueueSample(second, depth.Visible, depth.InFlight);
                }
                catch (PortException)
                {
                    // A queue that cannot answer (outage) leaves a gap in its depth line.
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
        finally
        {
            Volatile.Write(ref _reading, 0);
        }
    }
}
