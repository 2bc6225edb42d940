using System.Collections.Concurrent;

namespace ResilienceLab.Load;

/// <summary>
/// Latency of named steps inside an iteration (a dependency call, a queue hop), run-wide and per second, in
/// HdrHistograms with bounded memory. Seconds count from when this instance was created; create it next to the run.
/// At most <see cref="MaxSteps"/> names are kept; further names are recorded as <c>other</c>.
/// </summary>
public sealed class StepStats
{
    public const int MaxSteps = 256;
    private const string OtherStep = "other";

    private readonly TimeProvider _timeProvider;
    private readonly long _startTimestamp;
    private readonly ConcurrentDictionary<string, StepRecorder> _steps = new(StringComparer.Ordinal);

    public StepStats(TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        _timeProvider = timeProvider;
        _startTimestamp = timeProvider.GetTimestamp();
    }

    /// <summary>Records <paramref name="latency"/> for <paramref name="step"/> in the current second.</summary>
    public void Record(string step, TimeSpan latency)
    {
        ArgumentNullException.ThrowIfNull(step);
        var second = (int)(_timeProvider.GetElapsedTime(_startTimestamp).Ticks / TimeSpan.TicksPerSecond);
        RecorderFor(step).Record(second, latency);
    }

    /// <summary>Runs <paramref name="action"/> and records how long it took, also when it throws.</summary>
    public async ValueTask<T> MeasureAsync<T>(string step, Func<ValueTask<T>> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        var start = _timeProvider.GetTimestamp();
        try
        {
            return await action().ConfigureAwait(false);
        }
        finally
        {
            Record(step, _timeProvider.GetElapsedTime(start));
        }
    }

    /// <summary>Every step so far, ordered by name.</summary>
    public IReadOnlyList<StepSummary> Snapshot() =>
        [.. _steps.Values.Select(r => r.Snapshot()).OrderBy(s => s.Step, StringComparer.Ordinal)];

    private StepRecorder RecorderFor(string step)
    {
        if (_steps.TryGetValue(step, out var recorder))
        {
            return recorder;
        }

        if (_steps.Count >= MaxSteps)
        {
            step = OtherStep;
        }

        return _steps.GetOrAdd(step, static name => new StepRecorder(name));
    }
}
