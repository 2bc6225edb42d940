namespace ResilienceLab.Harness.Observations;

/// <summary>A queue's depth read at the end of a second.</summary>
public sealed record QueueSample(int Second, int Visible, int InFlight);
