namespace ResilienceLab.Infrastructure.Aws;

/// <summary>A fault FIS can only approximate (the template holds its closest action), with a one-line note on how it differs.</summary>
public sealed record FisApproximation(FisFaultRequest Fault, string Note);
