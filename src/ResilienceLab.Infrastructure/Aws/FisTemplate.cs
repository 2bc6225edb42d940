namespace ResilienceLab.Infrastructure.Aws;

/// <summary>
/// What <see cref="FisTemplateWriter"/> produced: the experiment template JSON for
/// <c>aws fis create-experiment-template --cli-input-json</c> (null when no fault maps to an FIS action),
/// the faults FIS cannot do, each with its reason, and the faults it only approximates.
/// </summary>
public sealed record FisTemplate(string? Json, int ActionCount, IReadOnlyList<FisUnsupportedFault> Unsupported)
{
    /// <summary>Faults in the template as their closest FIS action, each with how it differs.</summary>
    /// <value>Defaults to empty.</value>
    public IReadOnlyList<FisApproximation> Approximations { get; init; } = [];
}
