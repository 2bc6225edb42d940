using HdrHistogram;

namespace ResilienceLab.Load;

/// <summary>
/// Everything one run records: run-wide HdrHistograms (warm-up excluded), per-second buckets keyed by intended start,
/// and the interval figures live progress shows. Memory is fixed apart from a few hundred bytes per timeline second.
/// </summary>
internal sealed class RunStats
{
    /// <summary>A second's histograms are frozen at the latest this long after it ended, even with iterations still in flight.</summary>
    public static readonly TimeSpan SettleLimit = TimeSpan.FromSeconds(60);

    private readonly TimeSpan _warmUp;
    private readonly object _bucketsGate = new();
    private readonly LongConcurrentHistogram _latency = LatencyHistograms.Create(LatencyHistograms.SummaryDigits);
    private readonly LongConcurrentHistogram _serviceTime = LatencyHistograms.Create(LatencyHistograms.SummaryDigits);
    private readonly LongConcurrentHistogram _scheduleLag = LatencyHistograms.Create(LatencyHistograms.SummaryDigits);
    private readonly FailureCounts _failures = new();
    private SecondBucket?[] _buckets;
    private int _bucketCount;
    private int _firstUnsettled;
    private int _nextInFlightSample;
    private long _started;
    private long _ok;
    private long _failed;
    private long _dropped;
    private long _totalOk;
    private long _totalFailed;
    private long _totalDropped;
    private LongConcurrentHistogram _intervalLatency = LatencyHistograms.Create(LatencyHistograms.SecondDigits);
    private LongConcurrentHistogram _spareIntervalLatency = LatencyHistograms.Create(LatencyHistograms.SecondDigits);
    private long _intervalCompleted;
    private TimeSpan _lastProgressAt;
    private int _maxUnsettledSeconds;

    public RunStats(TimeSpan warmUp, TimeSpan expectedDuration)
    {
        _warmUp = warmUp;
        _buckets = new SecondBucket?[Math.Clamp((int)Math.Ceiling(expectedDuration.TotalSeconds) + 2, 16, 1 << 20)];
    }

    /// <summary>The most seconds ever holding live histograms at once (a memory bound the tests check).</summary>
    public int MaxUnsettledSeconds => _maxUnsettledSeconds;

    public bool InSummary(TimeSpan intendedStart) => intendedStart >= _warmUp;

    public SecondBucket BucketFor(TimeSpan intendedStart)
    {
        var second = (int)Math.Max(0, intendedStart.Ticks / TimeSpan.TicksPerSecond);
        var buckets = Volatile.Read(ref _buckets);
        if (second < buckets.Length && Volatile.Read(ref buckets[second]) is { } bucket)
        {
            return bucket;
        }

        lock (_bucketsGate)
        {
            if (second >= _buckets.Length)
            {
                var grown = new SecondBucket?[Math.Max(second + 1, _buckets.Length * 2)];
                Array.Copy(_buckets, grown, _buckets.Length);
                Volatile.Write(ref _buckets, grown);
            }

            var created = _buckets[second] ??= new SecondBucket(second);
            _bucketCount = Math.Max(_bucketCount, second + 1);
            return created;
        }
    }

    public void Started(SecondBucket bucket, bool inSummary)
    {
        bucket.Started();
        if (inSummary)
        {
            Interlocked.Increment(ref _started);
        }
    }

    public void Dropped(TimeSpan intendedStart)
    {
        BucketFor(intendedStart).Dropped();
        Interlocked.Increment(ref _totalDropped);
        if (InSummary(intendedStart))
        {
            Interlocked.Increment(ref _dropped);
        }
    }

    public void ScheduleLag(SecondBucket bucket, TimeSpan lag, bool inSummary)
    {
        bucket.Lagged(lag);
        if (inSummary)
        {
            LatencyHistograms.Record(_scheduleLag, lag);
        }
    }

    public void Completed(SecondBucket bucket, bool inSummary, IterationOutcome outcome, TimeSpan latency, TimeSpan serviceTime)
    {
        bucket.Completed(outcome.Ok, outcome.FailureReason, latency, serviceTime);
        LatencyHistograms.Record(Volatile.Read(ref _intervalLatency), latency);
        Interlocked.Increment(ref _intervalCompleted);
        Interlocked.Increment(ref outcome.Ok ? ref _totalOk : ref _totalFailed);
        if (!inSummary)
        {
            return;
        }

        LatencyHistograms.Record(_latency, latency);
        LatencyHistograms.Record(_serviceTime, serviceTime);
        CountOutcome(outcome.Ok, outcome.FailureReason);
    }

    public void Abandoned(SecondBucket bucket, bool inSummary, string reason)
    {
        bucket.Abandoned(reason);
        Interlocked.Increment(ref _totalFailed);
        if (inSummary)
        {
            CountOutcome(ok: false, reason);
        }
    }

    /// <summary>Once a second: samples in-flight for the seconds that ended and freezes the seconds that settled.</summary>
    public void Tick(TimeSpan now, int inFlight)
    {
        var nowSecond = (int)(now.Ticks / TimeSpan.TicksPerSecond);
        lock (_bucketsGate)
        {
            for (; _nextInFlightSample < nowSecond; _nextInFlightSample++)
            {
                if (_nextInFlightSample < _buckets.Length && _buckets[_nextInFlightSample] is { } ended)
                {
                    ended.InFlightAtEnd = inFlight;
                }
            }

            var forcedBefore = nowSecond - (int)SettleLimit.TotalSeconds;

            // A second is settled two seconds after it ended (late catch-up starts included) with nothing in flight.
            var unsettled = 0;
            for (var second = _firstUnsettled; second < Math.Min(_bucketCount, nowSecond - 1); second++)
            {
                var bucket = _buckets[second];
                if (bucket is null || bucket.IsFrozen)
                {
                    continue;
                }

                if (bucket.InFlight == 0 || second < forcedBefore)
                {
                    bucket.Freeze();
                }
                else
                {
                    unsettled++;
                }
            }

            while (_firstUnsettled < _bucketCount && (_buckets[_firstUnsettled] is null || _buckets[_firstUnsettled]!.IsFrozen))
            {
                _firstUnsettled++;
            }

            _maxUnsettledSeconds = Math.Max(_maxUnsettledSeconds, unsettled + Math.Max(0, _bucketCount - Math.Max(_firstUnsettled, nowSecond - 1)));
        }
    }

    public LoadProgress Progress(TimeSpan now, TimeSpan total, int inFlight)
    {
        var interval = Interlocked.Exchange(ref _intervalLatency, _spareIntervalLatency);
        var completed = Interlocked.Exchange(ref _intervalCompleted, 0);
        var seconds = (now - _lastProgressAt).TotalSeconds;
        _lastProgressAt = now;
        var p99 = interval.TotalCount == 0 ? 0 : interval.GetValueAtPercentile(99) / 1000.0;
        interval.Reset();
        _spareIntervalLatency = interval;
        return new LoadProgress(now, total, seconds > 0 ? completed / seconds : 0, p99,
            Interlocked.Read(ref _totalOk), Interlocked.Read(ref _totalFailed), Interlocked.Read(ref _totalDropped), inFlight);
    }

    public LoadResult Build(TimeSpan elapsed, TimeSpan loadEnd, bool cancelled)
    {
        int seconds;
        SecondBucket?[] buckets;
        lock (_bucketsGate)
        {
            seconds = Math.Max(_bucketCount, (int)Math.Ceiling(loadEnd.TotalSeconds));
            buckets = _buckets;
        }

        var timeline = new List<TimelineSecond>(seconds);
        for (var second = 0; second < seconds; second++)
        {
            var bucket = second < buckets.Length ? buckets[second] : null;
            var isWarmUp = TimeSpan.FromSeconds(second + 1) <= _warmUp;
            timeline.Add(bucket?.ToTimelineSecond(isWarmUp)
                ?? new TimelineSecond(second, 0, 0, 0, new SortedDictionary<string, long>(StringComparer.Ordinal), 0, 0,
                    LatencyPercentiles.Empty, LatencyPercentiles.Empty) { IsWarmUp = isWarmUp });
        }

        var ok = Interlocked.Read(ref _ok);
        var failed = Interlocked.Read(ref _failed);
        var window = (loadEnd - _warmUp).TotalSeconds;
        // Copies: a straggler may still record into the live histograms, and iterating one while it changes throws.
        var latency = _latency.Copy();
        var serviceTime = _serviceTime.Copy();
        var scheduleLag = _scheduleLag.Copy();
        var summary = new LoadSummary(Interlocked.Read(ref _started), ok, failed, Interlocked.Read(ref _dropped),
            window > 0 ? (ok + failed) / window : 0,
            LatencyHistograms.Percentiles(latency), LatencyHistograms.Percentiles(serviceTime), _failures.Snapshot())
        {
            ScheduleLag = LatencyHistograms.Percentiles(scheduleLag),
        };
        return new LoadResult(elapsed, summary, timeline, cancelled)
        {
            Histograms = new IntervalHistograms(EncodeOrNull(latency), EncodeOrNull(serviceTime), EncodeOrNull(scheduleLag)),
            LatencySpectrum = LatencyHistograms.Spectrum(latency),
            ServiceTimeSpectrum = LatencyHistograms.Spectrum(serviceTime),
        };
    }

    private static string? EncodeOrNull(HistogramBase histogram) => histogram.TotalCount == 0 ? null : HistogramCodec.Encode(histogram);

    private void CountOutcome(bool ok, string? reason)
    {
        if (ok)
        {
            Interlocked.Increment(ref _ok);
        }
        else
        {
            Interlocked.Increment(ref _failed);
            _failures.Add(reason ?? "unknown");
        }
    }
}
