namespace ResilienceLab.Load;

/// <summary>Open model: <paramref name="Iterations"/> iterations at <paramref name="Rate"/> per <paramref name="Interval"/>; the segment lasts Iterations / rate.</summary>
public sealed record IterationsForInject(double Rate, TimeSpan Interval, int Iterations) : LoadSimulation;
