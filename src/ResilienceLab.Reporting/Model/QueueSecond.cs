namespace ResilienceLab.Reporting.Model;

/// <summary>A queue's depth (visible + in flight) at the end of a second.</summary>
public sealed record QueueSecond(int Visible, int InFlight);
