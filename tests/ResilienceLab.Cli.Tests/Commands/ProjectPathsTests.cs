using ResilienceLab.Cli.Commands;

namespace ResilienceLab.Cli.Tests.Commands;

/// <summary>Where the default config and scenarios/ come from: the working directory, the repository, then the copies shipped with the program.</summary>
public sealed class ProjectPathsTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("resiliencelab-paths-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void Resolve_DefaultFoundInWorkingDirectory_IsUsedAsGiven()
    {
        var work = Folder("work");
        File.WriteAllText(Path.Combine(work, "loose-coupling-config.json"), "{}");
        Directory.CreateDirectory(Path.Combine(work, "scenarios"));

        Assert.Equal("loose-coupling-config.json", ProjectPaths.Resolve("loose-coupling-config.json", isDefault: true, work, Shipped()));
        Assert.Equal("scenarios", ProjectPaths.Resolve("scenarios", isDefault: true, work, Shipped()));
    }

    [Fact]
    public void Resolve_DefaultMissingHere_FallsBackToTheShippedCopy()
    {
        var shipped = Shipped();

        Assert.Equal(Path.Combine(shipped, "scenarios"), ProjectPaths.Resolve("scenarios", isDefault: true, Folder("empty"), shipped));
        Assert.Equal(Path.Combine(shipped, "loose-coupling-config.json"), ProjectPaths.Resolve("loose-coupling-config.json", isDefault: true, Folder("empty"), shipped));
    }

    [Fact]
    public void Resolve_InsideARepository_PrefersTheRepositoryToTheShippedCopy()
    {
        var repo = Folder("repo");
        File.WriteAllText(Path.Combine(repo, "ResilienceLab.sln"), string.Empty);
        Directory.CreateDirectory(Path.Combine(repo, "scenarios"));
        var nested = Folder(Path.Combine("repo", "src", "deep"));

        Assert.Equal(Path.Combine(repo, "scenarios"), ProjectPaths.Resolve("scenarios", isDefault: true, nested, Shipped()));
    }

    [Fact]
    public void Resolve_ExplicitPath_IsNeverReplaced()
    {
        Assert.Equal("scenarios", ProjectPaths.Resolve("scenarios", isDefault: false, Folder("empty"), Shipped()));
        Assert.Equal("mine.json", ProjectPaths.Resolve("mine.json", isDefault: true, Folder("empty"), Shipped()));
    }

    [Fact]
    public void Shipped_NextToTheProgram_HoldsTheConfigAndEveryScenarioOfTheLibrary()
    {
        var library = Directory.GetFiles(RepositoryPaths.Scenarios, "*.json").Select(Path.GetFileName).Order(StringComparer.Ordinal);
        var shipped = Directory.GetFiles(Path.Combine(ProjectPaths.Shipped, "scenarios"), "*.json").Select(Path.GetFileName).Order(StringComparer.Ordinal);

        Assert.True(File.Exists(Path.Combine(ProjectPaths.Shipped, "loose-coupling-config.json")));
        Assert.Equal(library, shipped);
        Assert.True(File.Exists(Path.Combine(ProjectPaths.Shipped, "scenarios", "suites", "nightly.json")));
        Assert.True(ProjectPaths.IsShipped(Path.Combine(ProjectPaths.Shipped, "scenarios")));
        Assert.False(ProjectPaths.IsShipped(RepositoryPaths.Scenarios));
    }

    private string Folder(string name) => Directory.CreateDirectory(Path.Combine(_root, name)).FullName;

    private string Shipped()
    {
        var shipped = Folder("shipped");
        File.WriteAllText(Path.Combine(shipped, "loose-coupling-config.json"), "{}");
        Directory.CreateDirectory(Path.Combine(shipped, "scenarios"));
        return shipped;
    }
}
