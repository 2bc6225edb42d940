namespace ResilienceLab.Reporting.Hypotheses;

/// <summary>The symbols scenario files use for <see cref="ComparisonOperator"/>.</summary>
public static class ComparisonOperators
{
    private static readonly Dictionary<string, ComparisonOperator> BySymbol = new(StringComparer.Ordinal)
    {
        ["<"] = ComparisonOperator.LessThan,
        ["<="] = ComparisonOperator.LessThanOrEqual,
        [">"] = ComparisonOperator.GreaterThan,
        [">="] = ComparisonOperator.GreaterThanOrEqual,
        ["=="] = ComparisonOperator.Equal,
    };

    public static IReadOnlyCollection<string> Symbols => BySymbol.Keys;

    public static bool TryParse(string symbol, out ComparisonOperator op) => BySymbol.TryGetValue(symbol, out op);

    public static string Symbol(ComparisonOperator op) => BySymbol.First(p => p.Value == op).Key;

    public static bool Holds(ComparisonOperator op, double observed, double threshold) => op switch
    {
        ComparisonOperator.LessThan => observed < threshold,
        ComparisonOperator.LessThanOrEqual => observed <= threshold,
        ComparisonOperator.GreaterThan => observed > threshold,
        ComparisonOperator.GreaterThanOrEqual => observed >= threshold,
        ComparisonOperator.Equal => Math.Abs(observed - threshold) < 1e-9,
        _ => false,
    };
}
