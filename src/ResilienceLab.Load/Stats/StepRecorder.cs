using HdrHistogram;

namespace ResilienceLab.Load;

/// <summary>
/// One step's histograms: run-wide, plus the current and previous second (a late writer may still land in the previous
/// one); older seconds are kept only as percentiles, so memory is a few histograms however long the run.
/// </summary>
internal sealed class StepRecorder
{
    private readonly object _gate = new();
    private readonly LongHistogram _overall = new(1, LatencyHistograms.HighestMicroseconds, LatencyHistograms.SummaryDigits);
    private readonly List<StepSecond> _settled = [];
    private LongHistogram _current = NewSecond();
    private LongHistogram _previous = NewSecond();
    private int _currentSecond;
    private int _previousSecond = -1;

    public StepRecorder(string step) => Step = step;

    public string Step { get; }

    public void Record(int second, TimeSpan latency)
    {
        var value = LatencyHistograms.ToMicroseconds(latency);
        lock (_gate)
        {
            _overall.RecordValue(value);
            if (second > _currentSecond)
            {
                Settle(_previous, _previousSecond);
                if (second == _currentSecond + 1)
                {
                    (_previous, _previousSecond, _current) = (_current, _currentSecond, _previous);
                }
                else
                {
                    Settle(_current, _currentSecond);
                    _previousSecond = -1;
                }

                _current.Reset();
                _currentSecond = second;
            }

            if (second == _currentSecond)
            {
                _current.RecordValue(value);
            }
            else if (second == _previousSecond)
            {
                _previous.RecordValue(value);
            }
        }
    }

    public StepSummary Snapshot()
    {
        lock (_gate)
        {
            var timeline = new List<StepSecond>(_settled);
            if (_previousSecond >= 0 && _previous.TotalCount > 0)
            {
                timeline.Add(new StepSecond(_previousSecond, LatencyHistograms.Percentiles(_previous)));
            }

            if (_current.TotalCount > 0)
            {
                timeline.Add(new StepSecond(_currentSecond, LatencyHistograms.Percentiles(_current)));
            }

            return new StepSummary(Step, LatencyHistograms.Percentiles(_overall), timeline);
        }
    }

    private void Settle(LongHistogram histogram, int second)
    {
        if (second >= 0 && histogram.TotalCount > 0)
        {
            _settled.Add(new StepSecond(second, LatencyHistograms.Percentiles(histogram)));
        }

        histogram.Reset();
    }

    private static LongHistogram NewSecond() => new(1, LatencyHistograms.HighestMicroseconds, LatencyHistograms.SecondDigits);
}
