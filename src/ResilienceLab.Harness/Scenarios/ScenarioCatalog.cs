using ResilienceLab.Harness.Input;
using ResilienceLab.Load;

namespace ResilienceLab.Harness.Scenarios;

/// <summary>The scenario files of a folder (<c>scenarios/</c> by default), by name.</summary>
public sealed class ScenarioCatalog
{
    public ScenarioCatalog(string directory) => Directory = directory;

    public string Directory { get; }

    public IReadOnlyList<string> Names() =>
        System.IO.Directory.Exists(Directory)
            ? [.. System.IO.Directory.GetFiles(Directory, "*.json").Select(f => Path.GetFileNameWithoutExtension(f)!).Order(StringComparer.Ordinal)]
            : [];

    /// <summary>The file for <paramref name="name"/> (a name in the folder, or a path to a file); an unknown name lists the available ones.</summary>
    public string Find(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (name.EndsWith(".json", StringComparison.OrdinalIgnoreCase) && File.Exists(name))
        {
            return name;
        }

        var path = Path.Combine(Directory, name + ".json");
        if (File.Exists(path))
        {
            return path;
        }

        var names = Names();
        var available = names.Count == 0 ? $"no scenario files in {Directory}" : $"available: {string.Join(", ", names)}";
        throw new InvalidInputException("--scenario", $"unknown scenario {InputText.Quote(name)} ({available})");
    }
}
