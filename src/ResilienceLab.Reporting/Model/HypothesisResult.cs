using System.Text.Json.Serialization;

namespace ResilienceLab.Reporting.Model;

/// <summary>
/// One hypothesis check as judged: what was expected (e.g. <c>&lt;= 2</c>), what was observed (null when nothing was),
/// and its <see cref="Outcome"/>; <see cref="Note"/> says why when there is no number (never opened, no workflows).
/// </summary>
public sealed record HypothesisResult
{
    [JsonConstructor]
    public HypothesisResult(string name, string metric, string expected, double? observed, CheckOutcome outcome, string? description = null)
    {
        Name = name;
        Metric = metric;
        Expected = expected;
        Observed = observed;
        Outcome = outcome;
        Description = description;
    }

    /// <summary>A check observed as <paramref name="observed"/> that passed or failed.</summary>
    public HypothesisResult(string name, string metric, string expected, double? observed, bool passed, string? description = null)
        : this(name, metric, expected, observed, passed ? CheckOutcome.Passed : CheckOutcome.Failed, description)
    {
    }

    public string Name { get; init; }

    public string Metric { get; init; }

    public string Expected { get; init; }

    public double? Observed { get; init; }

    public CheckOutcome Outcome { get; init; }

    public string? Description { get; init; }

    /// <summary>Why there is no observed figure, or what was seen instead of one. <value>Default null.</value></summary>
    public string? Note { get; init; }

    /// <summary>True only for <see cref="CheckOutcome.Passed"/> (kept in report.json for readers of its first version).</summary>
    public bool Passed => Outcome == CheckOutcome.Passed;
}
