namespace ResilienceLab.Load;

/// <summary>
/// The closed-model schedule of one segment as a pure function: the number of virtual users moves from
/// <see cref="From"/> to <see cref="To"/> over <see cref="During"/>, rounding the straight line to the nearest whole user,
/// so the user-seconds match the ramp's area.
/// </summary>
public readonly record struct CopiesRamp(int From, int To, TimeSpan During)
{
    /// <summary>Virtual users at <paramref name="offset"/> into the segment.</summary>
    public int CopiesAt(TimeSpan offset)
    {
        if (offset >= During)
        {
            return To;
        }

        if (offset <= TimeSpan.Zero || From == To)
        {
            return From;
        }

        var steps = Math.Abs(To - From);
        var done = (int)Math.Floor(((double)offset.Ticks * steps / During.Ticks) + 0.5);
        return From + (Math.Sign(To - From) * Math.Min(done, steps));
    }

    /// <summary>The next offset after <paramref name="offset"/> at which the count changes, or null when it stays until the segment ends.</summary>
    public TimeSpan? NextChangeAfter(TimeSpan offset)
    {
        if (From == To || offset >= During)
        {
            return null;
        }

        var steps = Math.Abs(To - From);

        // The j-th change happens at (j − ½)·During / steps.
        var j = Math.Max(1, (long)Math.Floor(((double)offset.Ticks * steps / During.Ticks) + 0.5) + 1);
        while (j <= steps)
        {
            var at = TimeSpan.FromTicks((long)Math.Ceiling((j - 0.5) * During.Ticks / steps));
            if (at > offset && at < During)
            {
                return at;
            }

            j++;
        }

        return null;
    }
}
