namespace ResilienceLab.Reporting.Model;

/// <summary>One hypothesis check as judged: what was expected (e.g. <c>&lt;= 2</c>), what was observed, and whether it passed.</summary>
public sealed record HypothesisResult(string Name, string Metric, string Expected, double? Observed, bool Passed, string? Description = null);
