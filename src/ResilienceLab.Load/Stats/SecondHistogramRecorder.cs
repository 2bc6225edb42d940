using System.Collections.Concurrent;
using HdrHistogram;

namespace ResilienceLab.Load;

/// <summary>
/// Latencies recorded into one HdrHistogram per second (two significant digits), each encoded (<see cref="HistogramCodec"/>)
/// and released once <see cref="Seal"/> passes it, so memory stays flat however long the run. Safe for many writers.
/// </summary>
public sealed class SecondHistogramRecorder
{
    private readonly ConcurrentDictionary<int, LongConcurrentHistogram> _live = new();
    private readonly ConcurrentDictionary<int, string> _sealed = new();
    private readonly Lock _sealing = new();
    private int _sealedBefore;

    /// <summary>
    /// Records <paramref name="value"/> in <paramref name="second"/> (a second before the origin counts as second 0); a
    /// second already sealed takes it into its encoding.
    /// </summary>
    public void Record(int second, TimeSpan value)
    {
        second = Math.Max(0, second);
        if (second < Volatile.Read(ref _sealedBefore))
        {
            lock (_sealing)
            {
                var late = _sealed.TryGetValue(second, out var encoded) ? HistogramCodec.Decode(encoded) : LatencyHistograms.Create(LatencyHistograms.SecondDigits);
                LatencyHistograms.Record(late, value);
                _sealed[second] = HistogramCodec.Encode(late);
                return;
            }
        }

        LatencyHistograms.Record(_live.GetOrAdd(second, static _ => LatencyHistograms.Create(LatencyHistograms.SecondDigits)), value);
    }

    /// <summary>Encodes and releases every second before <paramref name="beforeSecond"/>.</summary>
    public void Seal(int beforeSecond)
    {
        lock (_sealing)
        {
            Volatile.Write(ref _sealedBefore, Math.Max(_sealedBefore, beforeSecond));
            foreach (var second in _live.Keys.Where(s => s < beforeSecond).ToList())
            {
                if (_live.TryRemove(second, out var histogram) && histogram.TotalCount > 0)
                {
                    _sealed[second] = HistogramCodec.Encode(histogram);
                }
            }
        }
    }

    /// <summary>Every second recorded so far, encoded (sealing all of them).</summary>
    public IReadOnlyDictionary<int, string> Encoded()
    {
        Seal(int.MaxValue);
        return new SortedDictionary<int, string>(_sealed);
    }

    /// <summary>Forgets everything (the warm-up) and starts sealing afresh.</summary>
    public void Clear()
    {
        lock (_sealing)
        {
            _live.Clear();
            _sealed.Clear();
            Volatile.Write(ref _sealedBefore, 0);
        }
    }
}
