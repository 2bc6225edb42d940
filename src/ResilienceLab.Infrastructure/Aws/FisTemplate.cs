namespace ResilienceLab.Infrastructure.Aws;

/// <summary>
/// What <see cref="FisTemplateWriter"/> produced: the experiment template JSON for
/// <c>aws fis create-experiment-template --cli-input-json</c> (null when no fault maps to an FIS action),
/// and the faults FIS cannot do, each with its reason.
/// </summary>
public sealed record FisTemplate(string? Json, int ActionCount, IReadOnlyList<FisUnsupportedFault> Unsupported);
