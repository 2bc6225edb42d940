namespace ResilienceLab.Chaos.Faults;

/// <summary>The snake_case names scenario files and reports use for <see cref="FaultKind"/>.</summary>
public static class FaultNames
{
    private static readonly Dictionary<string, FaultKind> ByName = new(StringComparer.Ordinal)
    {
        ["http_error"] = FaultKind.HttpError,
        ["http_delay"] = FaultKind.HttpDelay,
    };

    public static IReadOnlyCollection<string> All => ByName.Keys;

    public static string Of(FaultKind kind) => ByName.First(p => p.Value == kind).Key;

    public static bool TryParse(string name, out FaultKind kind) => ByName.TryGetValue(name, out kind);
}
