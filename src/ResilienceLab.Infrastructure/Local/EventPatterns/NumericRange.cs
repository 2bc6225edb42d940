namespace ResilienceLab.Infrastructure.Local.EventPatterns;

/// <summary>A <c>numeric</c> filter: an optional lower and an optional upper bound, each inclusive or not.</summary>
internal sealed record NumericRange(double? Lower, bool LowerInclusive, double? Upper, bool UpperInclusive)
{
    public bool Contains(double value) =>
        (Lower is not { } lower || (LowerInclusive ? value >= lower : value > lower))
        && (Upper is not { } upper || (UpperInclusive ? value <= upper : value < upper));
}
