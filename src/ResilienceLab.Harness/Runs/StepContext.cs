using ResilienceLab.Load;

namespace ResilienceLab.Harness.Runs;

/// <summary>What a <see cref="CustomStep"/> knows: its iteration, and where the scenario's dependencies answer.</summary>
public sealed class StepContext
{
    private readonly Func<string, Uri> _dependency;

    public StepContext(IterationContext iteration, Func<string, Uri> dependency)
    {
        ArgumentNullException.ThrowIfNull(dependency);
        Iteration = iteration;
        _dependency = dependency;
    }

    public IterationContext Iteration { get; }

    /// <summary>The base address of dependency <paramref name="name"/> (ends in '/').</summary>
    /// <exception cref="KeyNotFoundException">The scenario declares no such dependency.</exception>
    public Uri Dependency(string name) => _dependency(name);
}
