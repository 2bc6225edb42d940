namespace ResilienceLab.Cli.Commands;

/// <summary>
/// Resolves default input paths (the config, scenarios/) against the working directory, falling back to the
/// repository root (so <c>dotnet run --project src/ResilienceLab.Cli</c> works from any folder inside the repo) and
/// then to the copies shipped beside the program (so an installed tool works in an empty folder).
/// </summary>
internal static class ProjectPaths
{
    /// <summary>The folder beside the program holding the shipped config, scenario library, suites and schema.</summary>
    public static string Shipped { get; } = Path.Combine(AppContext.BaseDirectory, "defaults");

    public static string Resolve(string path, bool isDefault) => Resolve(path, isDefault, Directory.GetCurrentDirectory(), Shipped);

    /// <summary>
    /// <paramref name="path"/> as given when it is explicit, rooted or found in <paramref name="workingDirectory"/>;
    /// else the first repository root above it that holds it; else the shipped copy; else <paramref name="path"/> as given,
    /// so the reader's error names what the user asked for.
    /// </summary>
    internal static string Resolve(string path, bool isDefault, string workingDirectory, string shippedDirectory)
    {
        if (Path.IsPathRooted(path) || !isDefault || Exists(Path.Combine(workingDirectory, path)))
        {
            return path;
        }

        for (var dir = new DirectoryInfo(workingDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, path);
            if (Exists(candidate) && File.Exists(Path.Combine(dir.FullName, "ResilienceLab.sln")))
            {
                return candidate;
            }
        }

        var shipped = Path.Combine(shippedDirectory, path);
        return Exists(shipped) ? shipped : path;
    }

    /// <summary>True when <paramref name="path"/> is one of the copies shipped with the program.</summary>
    public static bool IsShipped(string path) =>
        Path.GetFullPath(path).StartsWith(Path.GetFullPath(Shipped) + Path.DirectorySeparatorChar, StringComparison.Ordinal);

    private static bool Exists(string path) => File.Exists(path) || Directory.Exists(path);
}
