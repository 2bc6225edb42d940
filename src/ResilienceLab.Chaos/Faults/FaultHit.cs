namespace ResilienceLab.Chaos.Faults;

/// <summary>A request, call or message an active fault hit, with the delay drawn for it (zero when the kind has none).</summary>
public readonly record struct FaultHit(TimeSpan Delay);
