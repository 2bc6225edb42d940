namespace ResilienceLab.Stack.Ports;

/// <summary>
/// The answer to a conditional update: whether it applied, and the item after it, or, when refused, the item as it
/// stood (null when there is none, or when the store did not return it).
/// </summary>
public sealed record BreakerUpdateResult(bool Applied, BreakerItem? Item)
{
    public static BreakerUpdateResult Refused(BreakerItem? current) => new(false, current);
}
