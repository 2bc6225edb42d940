using ResilienceLab.Harness.Configuration;
using ResilienceLab.Harness.Input;

namespace ResilienceLab.Harness.Scenarios;

/// <summary>
/// What <c>validate</c> checks in a scenario file: its shape against <see cref="ScenarioSchema"/>, then its meaning against
/// the config with <see cref="ScenarioReader"/> (workflows, services, metrics, fault targets, load plan). One line per
/// field path: where both find a problem at the same path, the reader's wording is kept, since it knows the domain
/// (the closest known field name, a fault kind's parameters, the config's names).
/// </summary>
public static class ScenarioValidator
{
    /// <summary>Every problem in <paramref name="file"/>; without a config (it did not load) only the schema's.</summary>
    public static IReadOnlyList<InputProblem> Validate(string file, LooseCouplingConfig? config, ScenarioSchema? schema = null)
    {
        IReadOnlyList<InputProblem> shape;
        try
        {
            shape = (schema ?? ScenarioSchema.Default).Check(file);
        }
        catch (InvalidInputException ex)
        {
            // A missing file or malformed JSON: the reader would only repeat it.
            return ex.Problems;
        }

        IReadOnlyList<InputProblem> meaning = [];
        if (config is not null)
        {
            try
            {
                ScenarioReader.Read(file, config);
            }
            catch (InvalidInputException ex)
            {
                meaning = ex.Problems;
            }
        }

        return Merge(shape, meaning);
    }

    /// <summary>The schema's problems in order, each replaced by the reader's at the same path; then the reader's other problems.</summary>
    public static IReadOnlyList<InputProblem> Merge(IReadOnlyList<InputProblem> schema, IReadOnlyList<InputProblem> reader)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(reader);
        var byPath = reader.ToLookup(p => p.Path, StringComparer.Ordinal);
        var merged = new List<InputProblem>();
        var used = new HashSet<string>(StringComparer.Ordinal);
        foreach (var problem in schema)
        {
            if (!byPath.Contains(problem.Path))
            {
                merged.Add(problem);
            }
            else if (used.Add(problem.Path))
            {
                merged.AddRange(byPath[problem.Path]);
            }
        }

        merged.AddRange(reader.Where(p => !used.Contains(p.Path)));
        return merged;
    }
}
