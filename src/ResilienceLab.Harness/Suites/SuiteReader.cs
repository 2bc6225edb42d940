using System.Text.Json;
using ResilienceLab.Harness.Input;
using ResilienceLab.Harness.Scenarios;
using ResilienceLab.Reporting.Writers;
using ResilienceLab.Load;

namespace ResilienceLab.Harness.Suites;

/// <summary>
/// Reads and validates a suite file: <c>{ "name", "description", "scenarios": [names], "max_regression_pct" }</c>.
/// Every listed scenario must exist in the scenario folder; each problem names its field (<c>scenarios[3]</c>).
/// </summary>
public static class SuiteReader
{
    public const string SuitesFolder = "suites";

    /// <summary>The file for suite <paramref name="name"/>: a path to a .json file, or <c>SCENARIOS/suites/NAME.json</c>.</summary>
    public static string Find(string scenariosDirectory, string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (name.EndsWith(".json", StringComparison.OrdinalIgnoreCase) && File.Exists(name))
        {
            return name;
        }

        var folder = Path.Combine(scenariosDirectory, SuitesFolder);
        var path = Path.Combine(folder, name + ".json");
        if (File.Exists(path))
        {
            return path;
        }

        var names = Directory.Exists(folder) ? Directory.GetFiles(folder, "*.json").Select(f => Path.GetFileNameWithoutExtension(f)!).Order(StringComparer.Ordinal).ToList() : [];
        var available = names.Count == 0 ? $"no suite files in {folder}" : $"available: {string.Join(", ", names)}";
        throw new InvalidInputException("--suite", $"unknown suite {InputText.Quote(name)} ({available})");
    }

    public static Suite Read(string path, ScenarioCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        using var document = JsonInputFile.Open(path);
        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidInputException(path, "expected a JSON object at the top level");
        }

        var problems = new ProblemList(path);
        var root = new JsonSection(document.RootElement, string.Empty, problems);
        var named = root.OptionalString("name");
        var name = named ?? Path.GetFileNameWithoutExtension(path);
        if (name.Length > 0 && !ReportNames.IsValid(name))
        {
            problems.Add("name", named is not null
                ? $"{InputText.Quote(name)} {ReportNames.Rule}"
                : $"the file name {InputText.Quote(name)} is no usable suite name: it {ReportNames.Rule}; set \"name\"");
        }

        root.OptionalString("description");
        double? tolerance = root.Has("max_regression_pct") ? root.Double("max_regression_pct", 10, min: 0) : null;
        var scenarios = root.Strings("scenarios", required: true);
        var known = catalog.Names().ToHashSet(StringComparer.Ordinal);
        if (document.RootElement.TryGetProperty("scenarios", out var list) && list.ValueKind == JsonValueKind.Array)
        {
            var index = 0;
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var item in list.EnumerateArray())
            {
                var scenario = item.ValueKind == JsonValueKind.String ? item.GetString() : null;
                if (!string.IsNullOrWhiteSpace(scenario) && !known.Contains(scenario))
                {
                    problems.Add($"scenarios[{index}]", $"unknown scenario {InputText.Quote(scenario)} (no {InputText.Excerpt(scenario)}.json in {catalog.Directory})");
                }
                else if (!string.IsNullOrWhiteSpace(scenario) && !seen.Add(scenario))
                {
                    problems.Add($"scenarios[{index}]", $"{InputText.Quote(scenario)} is listed twice");
                }

                index++;
            }

            if (index == 0)
            {
                problems.Add("scenarios", "at least one scenario is needed");
            }
        }

        root.RejectUnknownFields();
        problems.ThrowIfAny();
        return new Suite { Name = name, SourceFile = path, Scenarios = scenarios, MaxRegressionPercent = tolerance };
    }
}
