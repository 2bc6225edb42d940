namespace ResilienceLab.Load;

/// <summary>
/// The open-model schedule as a pure function: iteration n (from 0) starts at the time t where the area under the rate
/// line from 0 to t equals n, so starts are evenly spaced at a constant rate, follow a ramp exactly, chain across
/// segments and never drift. Times are offsets from the run start.
/// </summary>
public sealed class ArrivalSchedule
{
    private const double Tolerance = 1e-9;
    private readonly ArrivalSegment[] _segments;

    public ArrivalSchedule(IReadOnlyList<LoadSimulation> simulations)
    {
        ArgumentNullException.ThrowIfNull(simulations);
        var segments = new List<ArrivalSegment>(simulations.Count);
        double start = 0, previousRate = 0, arrivals = 0;
        foreach (var simulation in simulations)
        {
            var (duration, startRate, endRate, count) = simulation switch
            {
                Inject s => (s.During.TotalSeconds, PerSecond(s.Rate, s.Interval), PerSecond(s.Rate, s.Interval), (double?)null),
                RampingInject s => (s.During.TotalSeconds, previousRate, PerSecond(s.Rate, s.Interval), null),
                IterationsForInject s => (s.Iterations / PerSecond(s.Rate, s.Interval), PerSecond(s.Rate, s.Interval), PerSecond(s.Rate, s.Interval), s.Iterations),
                Pause s => (s.During.TotalSeconds, 0d, 0d, 0d),
                _ => throw new ArgumentException($"{simulation.GetType().Name} is not an open-model simulation", nameof(simulations)),
            };
            var after = count is { } exact ? arrivals + exact : Snap(arrivals + ((startRate + endRate) / 2 * duration));
            segments.Add(new ArrivalSegment(start, duration, startRate, endRate, arrivals, after));
            start += duration;
            arrivals = after;
            previousRate = endRate;
        }

        _segments = [.. segments];
        Duration = FromSeconds(start);
        TotalIterations = (long)Math.Ceiling(arrivals);
    }

    /// <summary>When the last segment ends.</summary>
    public TimeSpan Duration { get; }

    /// <summary>How many iterations the whole schedule starts.</summary>
    public long TotalIterations { get; }

    /// <summary>The intended start of iteration <paramref name="number"/> (from 0), or null when the schedule starts fewer.</summary>
    public TimeSpan? StartOf(long number)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(number);
        if (number >= TotalIterations)
        {
            return null;
        }

        var index = 0;
        while (_segments[index].ArrivalsAfter <= number)
        {
            index++;
        }

        return StartIn(_segments[index], number);
    }

    /// <summary>Every intended start in order, lazily; walks the segments once (O(1) per iteration).</summary>
    public IEnumerable<TimeSpan> IntendedStarts()
    {
        var index = 0;
        for (long number = 0; number < TotalIterations; number++)
        {
            while (_segments[index].ArrivalsAfter <= number)
            {
                index++;
            }

            yield return StartIn(_segments[index], number);
        }
    }

    /// <summary>How many iterations are intended to start in [<paramref name="from"/>, <paramref name="to"/>).</summary>
    public long CountBetween(TimeSpan from, TimeSpan to) =>
        to <= from ? 0 : (long)Math.Ceiling(ArrivalsBefore(to)) - (long)Math.Ceiling(ArrivalsBefore(from));

    /// <summary>The intended arrival rate (per second) at <paramref name="at"/>.</summary>
    public double RateAt(TimeSpan at)
    {
        var seconds = at.TotalSeconds;
        foreach (var segment in _segments)
        {
            if (seconds >= segment.Start && seconds < segment.End)
            {
                var offset = seconds - segment.Start;
                return segment.StartRate + ((segment.EndRate - segment.StartRate) * offset / segment.Duration);
            }
        }

        return 0;
    }

    /// <summary>The area under the rate line from 0 to <paramref name="at"/> (fractional iterations).</summary>
    public double ArrivalsBefore(TimeSpan at)
    {
        var seconds = at.TotalSeconds;
        foreach (var segment in _segments)
        {
            if (seconds < segment.End)
            {
                return Snap(segment.ArrivalsBefore + segment.ArrivalsWithin(seconds - segment.Start));
            }
        }

        return _segments.Length == 0 ? 0 : _segments[^1].ArrivalsAfter;
    }

    private static TimeSpan StartIn(ArrivalSegment segment, long number) =>
        FromSeconds(segment.Start + segment.OffsetOf(Math.Max(0, number - segment.ArrivalsBefore)));

    private static double PerSecond(double rate, TimeSpan interval) => rate / interval.TotalSeconds;

    private static TimeSpan FromSeconds(double seconds) => TimeSpan.FromTicks((long)Math.Round(seconds * TimeSpan.TicksPerSecond));

    // Float sums like 3 × (10/3) land a hair off an integer; snap so counts do not gain a phantom iteration.
    private static double Snap(double value)
    {
        var nearest = Math.Round(value);
        return Math.Abs(value - nearest) <= Tolerance * Math.Max(1, Math.Abs(value)) ? nearest : value;
    }
}
