namespace ResilienceLab.Harness.Input;

/// <summary>Collects problems while a file is read, so validation reports all of them, not the first.</summary>
public sealed class ProblemList
{
    private readonly List<InputProblem> _problems = [];

    public ProblemList(string file) => File = file;

    public string File { get; }

    public IReadOnlyList<InputProblem> Problems => _problems;

    public bool Any => _problems.Count > 0;

    public void Add(string path, string message) => _problems.Add(new InputProblem(File, path, message));

    /// <summary>A problem found while reading this file that lies in another (the config a scenario runs with).</summary>
    public void Add(InputProblem problem) => _problems.Add(problem);

    public void ThrowIfAny()
    {
        if (_problems.Count > 0)
        {
            throw new InvalidInputException([.. _problems]);
        }
    }
}
