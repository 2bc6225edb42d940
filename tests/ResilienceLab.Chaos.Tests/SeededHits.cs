namespace ResilienceLab.Chaos.Tests;

/// <summary>The hits a schedule's first fault makes, replayed from the same seed as <c>FaultSchedule</c> derives it.</summary>
internal static class SeededHits
{
    public const int Seed = 42;

    /// <summary>Hits over <paramref name="draws"/> decisions; a hit may draw more (a delay).</summary>
    public static int Expected(double rate, int draws, int drawsPerHit = 0)
    {
        var random = new Random(unchecked(Seed + 7919));
        var hits = 0;
        for (var i = 0; i < draws; i++)
        {
            if (rate >= 1.0 || random.NextDouble() < rate)
            {
                hits++;
                for (var d = 0; d < drawsPerHit; d++)
                {
                    random.NextDouble();
                }
            }
        }

        return hits;
    }
}
