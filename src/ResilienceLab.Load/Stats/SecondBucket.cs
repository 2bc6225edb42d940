using HdrHistogram;

namespace ResilienceLab.Load;

/// <summary>
/// The live counters of one timeline second. Counters stay exact for the whole run; the three histograms are frozen
/// into percentiles and their compressed encoding (and released) once the second is settled, so memory does not grow
/// with run length while windows can still be added up exactly later.
/// </summary>
internal sealed class SecondBucket
{
    private readonly object _gate = new();
    private LongConcurrentHistogram? _latency = LatencyHistograms.Create(LatencyHistograms.SecondDigits);
    private LongConcurrentHistogram? _serviceTime = LatencyHistograms.Create(LatencyHistograms.SecondDigits);
    private LongConcurrentHistogram? _scheduleLag = LatencyHistograms.Create(LatencyHistograms.SecondDigits);
    private FailureCounts? _failures;
    private long _started;
    private long _ok;
    private long _failed;
    private long _dropped;
    private int _inFlight;

    public SecondBucket(int second) => Second = second;

    public int Second { get; }

    public int InFlight => Volatile.Read(ref _inFlight);

    public int InFlightAtEnd { get; set; }

    public bool IsFrozen => Volatile.Read(ref _latency) is null;

    public LatencyPercentiles Latency { get; private set; } = LatencyPercentiles.Empty;

    public LatencyPercentiles ServiceTime { get; private set; } = LatencyPercentiles.Empty;

    public LatencyPercentiles ScheduleLag { get; private set; } = LatencyPercentiles.Empty;

    public IntervalHistograms Histograms { get; private set; } = IntervalHistograms.None;

    public void Started()
    {
        Interlocked.Increment(ref _started);
        Interlocked.Increment(ref _inFlight);
    }

    /// <summary>How late an iteration of this second started (open model).</summary>
    public void Lagged(TimeSpan lag)
    {
        if (Volatile.Read(ref _scheduleLag) is { } histogram)
        {
            LatencyHistograms.Record(histogram, lag);
        }
    }

    public void Dropped() => Interlocked.Increment(ref _dropped);

    public void Completed(bool ok, string? reason, TimeSpan latency, TimeSpan serviceTime)
    {
        if (Volatile.Read(ref _latency) is { } latencyHistogram && Volatile.Read(ref _serviceTime) is { } serviceHistogram)
        {
            LatencyHistograms.Record(latencyHistogram, latency);
            LatencyHistograms.Record(serviceHistogram, serviceTime);
        }

        Count(ok, reason);
    }

    public void Abandoned(string reason) => Count(ok: false, reason);

    /// <summary>Turns the histograms into percentiles and encodings and lets them go; later completions still count, without latency.</summary>
    public void Freeze()
    {
        lock (_gate)
        {
            if (_latency is null || _serviceTime is null || _scheduleLag is null)
            {
                return;
            }

            Latency = LatencyHistograms.Percentiles(_latency);
            ServiceTime = LatencyHistograms.Percentiles(_serviceTime);
            ScheduleLag = LatencyHistograms.Percentiles(_scheduleLag);
            Histograms = new IntervalHistograms(EncodeOrNull(_latency), EncodeOrNull(_serviceTime), EncodeOrNull(_scheduleLag));
            Volatile.Write(ref _latency, null);
            Volatile.Write(ref _serviceTime, null);
            Volatile.Write(ref _scheduleLag, null);
        }
    }

    public TimelineSecond ToTimelineSecond(bool isWarmUp)
    {
        Freeze();
        return new TimelineSecond(Second, Interlocked.Read(ref _started), Interlocked.Read(ref _ok), Interlocked.Read(ref _failed),
            Volatile.Read(ref _failures)?.Snapshot() ?? new SortedDictionary<string, long>(StringComparer.Ordinal),
            Interlocked.Read(ref _dropped), InFlightAtEnd, Latency, ServiceTime)
        {
            IsWarmUp = isWarmUp,
            ScheduleLag = ScheduleLag,
            Histograms = Histograms,
        };
    }

    private static string? EncodeOrNull(HistogramBase histogram) => histogram.TotalCount == 0 ? null : HistogramCodec.Encode(histogram);

    private void Count(bool ok, string? reason)
    {
        if (ok)
        {
            Interlocked.Increment(ref _ok);
        }
        else
        {
            Interlocked.Increment(ref _failed);
            var failures = Volatile.Read(ref _failures);
            if (failures is null)
            {
                Interlocked.CompareExchange(ref _failures, new FailureCounts(), null);
                failures = _failures!;
            }

            failures.Add(reason ?? "unknown");
        }

        Interlocked.Decrement(ref _inFlight);
    }
}
