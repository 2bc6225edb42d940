namespace ResilienceLab.Reporting.Model;

/// <summary>A stretch of the run during which a breaker stayed in one state (<c>closed</c>, <c>open</c> or <c>half_open</c>).</summary>
public sealed record BreakerSpan(string State, double FromS, double ToS)
{
    public const string Closed = "closed";
    public const string Open = "open";
    public const string HalfOpen = "half_open";

    /// <summary>
    /// The breaker's states from 0 to <paramref name="runEndS"/>, read from its transitions (a breaker starts closed).
    /// Zero-length stretches (a half-open probe decided in the same millisecond) are dropped.
    /// </summary>
    public static IReadOnlyList<BreakerSpan> Of(DependencyReport dependency, double runEndS)
    {
        ArgumentNullException.ThrowIfNull(dependency);
        var spans = new List<BreakerSpan>();
        var state = Closed;
        var from = 0.0;
        foreach (var t in dependency.BreakerTransitions.OrderBy(t => t.AtS))
        {
            var at = Math.Clamp(t.AtS, from, Math.Max(from, runEndS));
            if (at > from)
            {
                spans.Add(new BreakerSpan(state, from, at));
            }

            state = Normalize(t.To);
            from = at;
        }

        if (runEndS > from)
        {
            spans.Add(new BreakerSpan(state, from, runEndS));
        }

        return spans;
    }

    /// <summary><c>Closed</c>/<c>Open</c>/<c>HalfOpen</c> (transitions) and <c>half_open</c> (timeline) to one spelling.</summary>
    public static string Normalize(string state) => state?.Replace("_", string.Empty, StringComparison.Ordinal).ToUpperInvariant() switch
    {
        "OPEN" => Open,
        "HALFOPEN" => HalfOpen,
        _ => Closed,
    };
}
