namespace ResilienceLab.Load;

/// <summary>
/// One open-model segment as arithmetic: the rate moves linearly from <see cref="StartRate"/> to <see cref="EndRate"/>
/// (iterations per second) between <see cref="Start"/> and <see cref="Start"/> + <see cref="Duration"/> (seconds);
/// <see cref="ArrivalsBefore"/> is the area under the rate line before the segment.
/// </summary>
internal readonly record struct ArrivalSegment(double Start, double Duration, double StartRate, double EndRate, double ArrivalsBefore, double ArrivalsAfter)
{
    public double End => Start + Duration;

    /// <summary>The area under the rate line from the segment start to <paramref name="offset"/> seconds into it.</summary>
    public double ArrivalsWithin(double offset)
    {
        if (offset <= 0)
        {
            return 0;
        }

        if (offset >= Duration)
        {
            return ArrivalsAfter - ArrivalsBefore;
        }

        return (StartRate * offset) + ((EndRate - StartRate) / (2 * Duration) * offset * offset);
    }

    /// <summary>The offset into the segment at which the area reaches <paramref name="arrivals"/>: the root of a·t² + b·t − k = 0.</summary>
    public double OffsetOf(double arrivals)
    {
        if (arrivals <= 0)
        {
            return 0;
        }

        var a = (EndRate - StartRate) / (2 * Duration);
        var b = StartRate;
        var discriminant = Math.Max(0, (b * b) + (4 * a * arrivals));

        // 2k / (b + √(b² + 4ak)) is the same root as (−b + √…) / 2a without cancellation, and covers a = 0.
        var denominator = b + Math.Sqrt(discriminant);
        var offset = denominator > 0 ? 2 * arrivals / denominator : Duration;
        return Math.Clamp(offset, 0, Duration);
    }
}
