namespace ResilienceLab.Load;

/// <summary>Closed model: <paramref name="Copies"/> virtual users share <paramref name="Iterations"/> iterations; the segment ends when all have completed.</summary>
public sealed record IterationsForConstant(int Copies, int Iterations) : LoadSimulation;
