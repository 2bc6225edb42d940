namespace ResilienceLab.Load;

/// <summary>
/// What load to apply: simulation segments run back to back, plus how the run warms up, caps concurrency and drains.
/// Validate with <see cref="LoadPlanValidator"/>; <see cref="LoadRunner"/> refuses an invalid plan before anything starts.
/// </summary>
public sealed record LoadPlan(IReadOnlyList<LoadSimulation> Simulations)
{
    /// <summary>The first part of the run, excluded from the summary (still in the timeline). <value>Default: zero.</value></summary>
    public TimeSpan WarmUp { get; init; } = TimeSpan.Zero;

    /// <summary>Open model: an iteration finding this many already in flight is dropped and counted, not queued. <value>Default: 10,000.</value></summary>
    public int MaxInFlight { get; init; } = 10_000;

    /// <summary>This agent's share when the run is split across agents. <value>Default: the whole run.</value></summary>
    public ExecutionSegment Segment { get; init; } = ExecutionSegment.Whole;

    /// <summary>
    /// Open model on the system clock: start each iteration on the scheduler's own thread instead of queueing it to the
    /// thread pool, for iterations that reach their first await at once (a socket write), so a start waits for no pool
    /// thread. <value>Default: false (an iteration's synchronous part could hold up the next start).</value>
    /// </summary>
    public bool InlineStarts { get; init; }

    /// <summary>After the last segment (or a stop), how long in-flight iterations may finish before they are cancelled. <value>Default: 5 s.</value></summary>
    public TimeSpan GracePeriod { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>The sum of the time-based segments (an <see cref="IterationsForInject"/> lasts Iterations / rate; an <see cref="IterationsForConstant"/> adds nothing).</summary>
    public TimeSpan TotalDuration => Simulations.Aggregate(TimeSpan.Zero, (total, simulation) => total + DurationOf(simulation));

    /// <summary>True when every segment is time-based, so the run length is known before it starts.</summary>
    public bool IsTimeBased => Simulations.All(s => s is not IterationsForConstant);

    /// <summary>True when the plan drives an open model (arrival rate); false for a closed model (looping virtual users).</summary>
    public bool IsOpenModel => Simulations.Any(s => s is Inject or RampingInject or IterationsForInject)
        || Simulations.All(s => s is Pause);

    internal static TimeSpan DurationOf(LoadSimulation simulation) => simulation switch
    {
        Inject s => s.During,
        RampingInject s => s.During,
        KeepConstant s => s.During,
        RampingConstant s => s.During,
        Pause s => s.During,
        IterationsForInject s when s.Rate > 0 && s.Interval > TimeSpan.Zero =>
            TimeSpan.FromTicks((long)Math.Round(s.Iterations * (double)s.Interval.Ticks / s.Rate)),
        _ => TimeSpan.Zero,
    };
}
