namespace ResilienceLab.Harness.Suites;

/// <summary>A named list of scenarios run together (a nightly gate), from <c>scenarios/suites/NAME.json</c>.</summary>
public sealed record Suite
{
    public required string Name { get; init; }

    public required string SourceFile { get; init; }

    public required IReadOnlyList<string> Scenarios { get; init; }

    /// <summary>The suite's tolerance for regressions against a baseline, in percent; null means the command's default (10).</summary>
    public double? MaxRegressionPercent { get; init; }
}
