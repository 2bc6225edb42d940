namespace ResilienceLab.Load;

/// <summary>Closed model: <paramref name="Copies"/> virtual users each loop the iteration back to back for <paramref name="During"/>.</summary>
public sealed record KeepConstant(int Copies, TimeSpan During) : LoadSimulation;
