namespace ResilienceLab.Harness.Input;

/// <summary>Input (config, scenario, options) that cannot be run, with every problem found at once. The CLI prints each and exits 2.</summary>
public sealed class InvalidInputException : Exception
{
    public InvalidInputException(IReadOnlyList<InputProblem> problems)
        : base(string.Join(Environment.NewLine, problems))
    {
        Problems = problems;
    }

    public InvalidInputException(string file, string message)
        : this([new InputProblem(file, string.Empty, message)])
    {
    }

    public IReadOnlyList<InputProblem> Problems { get; }
}
