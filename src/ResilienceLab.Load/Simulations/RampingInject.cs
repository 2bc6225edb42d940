namespace ResilienceLab.Load;

/// <summary>Open model: the rate moves linearly from the previous segment's rate to <paramref name="Rate"/> per <paramref name="Interval"/> over <paramref name="During"/>.</summary>
public sealed record RampingInject(double Rate, TimeSpan Interval, TimeSpan During) : LoadSimulation;
