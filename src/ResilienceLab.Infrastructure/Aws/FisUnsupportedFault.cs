namespace ResilienceLab.Infrastructure.Aws;

/// <summary>A fault FIS cannot inject, with the one-line reason.</summary>
public sealed record FisUnsupportedFault(FisFaultRequest Fault, string Reason);
