namespace ResilienceLab.Load;

/// <summary>
/// What an iteration knows about itself: its number (from 0) and when it was meant to start and did start, as offsets
/// from the run start. In the closed model the two starts are equal.
/// </summary>
public readonly record struct IterationContext(long Number, TimeSpan IntendedStart, TimeSpan ActualStart);
