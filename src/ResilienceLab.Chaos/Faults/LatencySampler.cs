namespace ResilienceLab.Chaos.Faults;

/// <summary>Draws injected delays from a seeded randomizer, so a run's delays replay from its seed.</summary>
internal static class LatencySampler
{
    public static TimeSpan Uniform(Random random, TimeSpan min, TimeSpan max) =>
        max <= min ? min : min + ((max - min) * random.NextDouble());

    /// <summary>median · e^(sigma·z), z standard normal by Box-Muller, capped at <paramref name="cap"/>.</summary>
    public static TimeSpan Lognormal(Random random, TimeSpan median, double sigma, TimeSpan cap)
    {
        var u1 = 1.0 - random.NextDouble(); // (0, 1]: Log(0) would be -inf
        var u2 = random.NextDouble();
        var z = Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
        var milliseconds = median.TotalMilliseconds * Math.Exp(sigma * z);
        return milliseconds >= cap.TotalMilliseconds ? cap : TimeSpan.FromMilliseconds(milliseconds);
    }
}
