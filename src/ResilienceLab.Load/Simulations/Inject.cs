namespace ResilienceLab.Load;

/// <summary>Open model: start <paramref name="Rate"/> iterations per <paramref name="Interval"/>, evenly spaced, for <paramref name="During"/>.</summary>
public sealed record Inject(double Rate, TimeSpan Interval, TimeSpan During) : LoadSimulation;
