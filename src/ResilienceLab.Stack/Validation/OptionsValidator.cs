using System.ComponentModel.DataAnnotations;

namespace ResilienceLab.Stack.Validation;

/// <summary>Validates options once, when the component that uses them is built, and reports every problem in one exception.</summary>
internal static class OptionsValidator
{
    /// <summary>The problems with <paramref name="options"/>: its <c>[Range]</c>/<c>[Required]</c> attributes plus <paramref name="rules"/> (a condition that must hold, and the message when it does not).</summary>
    public static List<string> Problems(object options, string prefix, params ReadOnlySpan<(bool Holds, string Problem)> rules)
    {
        var problems = new List<string>();
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        foreach (var result in results)
        {
            problems.Add($"{prefix}{result.ErrorMessage ?? string.Join(", ", result.MemberNames)}");
        }

        foreach (var (holds, problem) in rules)
        {
            if (!holds)
            {
                problems.Add(prefix + problem);
            }
        }

        return problems;
    }

    public static void ThrowIfAny(string name, List<string> problems)
    {
        if (problems.Count > 0)
        {
            throw new ValidationException($"Invalid {name}: {string.Join("; ", problems)}");
        }
    }
}
