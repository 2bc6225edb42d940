using ResilienceLab.Load;

namespace ResilienceLab.Harness.GameDays;

/// <summary>
/// The load a game day holds: the scenario's first steady level, kept for the whole game day. The first segment that
/// sets a level decides it: <c>inject</c>, <c>ramping_inject</c> (its target rate) and <c>iterations_for_inject</c> become one
/// <c>inject</c> at that rate; <c>keep_constant</c>, <c>ramping_constant</c> (its target) and <c>iterations_for_constant</c> one
/// <c>keep_constant</c> with that many users. Pauses are skipped. Without a duration the game day lasts as long as the
/// scenario's load.
/// </summary>
public static class GameDayLoad
{
    private static readonly TimeSpan FallbackDuration = TimeSpan.FromMinutes(10);

    /// <summary>The single segment to run for <paramref name="duration"/> (or the scenario's load length).</summary>
    public static LoadSimulation For(IReadOnlyList<LoadSimulation> scenarioLoad, TimeSpan? duration)
    {
        ArgumentNullException.ThrowIfNull(scenarioLoad);
        var length = duration ?? new LoadPlan(scenarioLoad).TotalDuration;
        if (length <= TimeSpan.Zero)
        {
            length = FallbackDuration;
        }

        foreach (var segment in scenarioLoad)
        {
            LoadSimulation? held = segment switch
            {
                Inject s => new Inject(s.Rate, s.Interval, length),
                RampingInject s => new Inject(s.Rate, s.Interval, length),
                IterationsForInject s => new Inject(s.Rate, s.Interval, length),
                KeepConstant s => new KeepConstant(s.Copies, length),
                RampingConstant s when s.Copies > 0 => new KeepConstant(s.Copies, length),
                IterationsForConstant s => new KeepConstant(s.Copies, length),
                _ => null,
            };
            if (held is not null)
            {
                return held;
            }
        }

        throw new ArgumentException("the scenario's load sets no level (only pauses)", nameof(scenarioLoad));
    }
}
