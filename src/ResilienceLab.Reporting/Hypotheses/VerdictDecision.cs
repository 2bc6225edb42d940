using ResilienceLab.Reporting.Model;

namespace ResilienceLab.Reporting.Hypotheses;

/// <summary>A verdict and the sentences that explain it.</summary>
public sealed record VerdictDecision(Verdict Verdict, IReadOnlyList<string> Reasons);
