using System.Globalization;

namespace ResilienceLab.Reporting.Comparison;

/// <summary>How every comparison output (console, markdown, html) spells values, deltas and outcomes.</summary>
public static class ComparisonText
{
    public static string Value(double? value) => value is { } v ? v.ToString("0.###", CultureInfo.InvariantCulture) : "–";

    public static string Delta(MetricDelta metric)
    {
        ArgumentNullException.ThrowIfNull(metric);
        return metric.Delta is { } d ? (d >= 0 ? "+" : string.Empty) + d.ToString("0.###", CultureInfo.InvariantCulture) : "–";
    }

    public static string DeltaPercent(MetricDelta metric)
    {
        ArgumentNullException.ThrowIfNull(metric);
        return metric.DeltaPercent switch
        {
            null => "–",
            double.PositiveInfinity => "+∞",
            double.NegativeInfinity => "−∞",
            { } p => (p >= 0 ? "+" : string.Empty) + p.ToString("0.0", CultureInfo.InvariantCulture) + " %",
        };
    }

    /// <summary>The metric's name as a reader sees it: the check's name for hypothesis metrics.</summary>
    public static string Name(MetricDelta metric)
    {
        ArgumentNullException.ThrowIfNull(metric);
        return metric.Check is null ? metric.Metric : $"{metric.Metric} ({metric.Check})";
    }

    public static string Outcome(MetricDelta metric)
    {
        ArgumentNullException.ThrowIfNull(metric);
        var pass = metric.BaselinePassed is null && metric.CandidatePassed is null
            ? string.Empty
            : $"{PassText(metric.BaselinePassed)} → {PassText(metric.CandidatePassed)}";
        var verdict = metric.Regressed ? "REGRESSED" : "ok";
        var parts = new[] { verdict, metric.Metric == "verdict" ? null : pass, metric.Note }.Where(p => !string.IsNullOrEmpty(p));
        return string.Join("; ", parts);
    }

    public static string Tolerance(ComparisonResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return $"tolerance {result.MaxRegressionPercent.ToString("0.#", CultureInfo.InvariantCulture)} % of the baseline; changes under 2 ms, 0.5 percentage points, 0.1 s, 0.5 workflows/s or 0.15 attempts per call are noise";
    }

    /// <summary>Says which scenarios have overlay plots when not all of them do; null when every compared scenario has them.</summary>
    public static string? PlotNote(ComparisonResult result, int plotted)
    {
        ArgumentNullException.ThrowIfNull(result);
        var compared = result.Scenarios.Count(s => s.Baseline is not null && s.Candidate is not null);
        return plotted >= compared ? null
            : plotted == 0 ? $"No overlay plots: {compared} scenarios compared and none regressed (plots are drawn for all of up to {ComparisonFolderWriter.MaxPlottedScenarios} scenarios, else for the most regressed)."
            : $"Overlay plots for the {plotted} most regressed of {compared} scenarios.";
    }

    private static string PassText(bool? passed) => passed switch
    {
        true => "pass",
        false => "fail",
        null => "–",
    };
}
