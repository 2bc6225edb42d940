namespace ResilienceLab.Load;

/// <summary>No new iterations for <paramref name="During"/>; a ramp after a pause starts from zero.</summary>
public sealed record Pause(TimeSpan During) : LoadSimulation;
