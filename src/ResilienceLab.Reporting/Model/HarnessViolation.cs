namespace ResilienceLab.Reporting.Model;

/// <summary>A harness-health signal over its limit in a window, with the sentence the verdict gives for it.</summary>
public sealed record HarnessViolation(string Signal, double Observed, double Limit, string Reason);
