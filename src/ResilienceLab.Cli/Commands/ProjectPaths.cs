namespace ResilienceLab.Cli.Commands;

/// <summary>
/// Resolves default input paths (the config, scenarios/) against the working directory, falling back to the
/// repository root so <c>dotnet run --project src/ResilienceLab.Cli</c> works from any folder inside the repo.
/// </summary>
internal static class ProjectPaths
{
    public static string Resolve(string path, bool isDefault)
    {
        if (Path.IsPathRooted(path) || !isDefault || File.Exists(path) || Directory.Exists(path))
        {
            return path;
        }

        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, path);
            if ((File.Exists(candidate) || Directory.Exists(candidate)) && File.Exists(Path.Combine(dir.FullName, "ResilienceLab.sln")))
            {
                return candidate;
            }
        }

        return path;
    }
}
