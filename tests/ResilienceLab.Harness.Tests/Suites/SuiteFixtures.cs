namespace ResilienceLab.Harness.Tests.Suites;

/// <summary>The repository's config and scenarios, found from the test binaries.</summary>
internal static class SuiteFixtures
{
    public static string Root { get; } = FindRoot();

    public static string Config => Path.Combine(Root, "loose-coupling-config.json");

    public static string Scenarios => Path.Combine(Root, "scenarios");

    /// <summary>A scenario folder with copies of breaker-storm under extra names, so a suite can hold several scenarios.</summary>
    public static string ScenarioFolder(TempFiles files, params string[] names)
    {
        var source = File.ReadAllText(Path.Combine(Scenarios, "breaker-storm.json"));
        foreach (var name in names)
        {
            files.Write(Path.Combine("scenarios", name + ".json"), source.Replace("\"name\": \"breaker-storm\"", $"\"name\": \"{name}\"", StringComparison.Ordinal));
        }

        return Path.Combine(files.Root, "scenarios");
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ResilienceLab.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("repository root not found");
    }
}
