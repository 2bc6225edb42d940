namespace ResilienceLab.Load;

/// <summary>Closed model: the number of looping virtual users moves linearly from the previous segment's to <paramref name="Copies"/> over <paramref name="During"/>.</summary>
public sealed record RampingConstant(int Copies, TimeSpan During) : LoadSimulation;
