using System.Globalization;
using System.Text.RegularExpressions;

namespace ResilienceLab.Load.Http;

/// <summary>
/// A pass/fail criterion on a load's summary, k6-style: <c>p99&lt;50ms</c>, <c>mean&lt;=0.2s</c>, <c>error_rate&lt;0.01</c>
/// (or <c>&lt;1%</c>), <c>rps&gt;=100</c>. Latency metrics (<c>p50</c>, <c>p95</c>, <c>p99</c>, <c>max</c>, <c>mean</c>) are the
/// corrected latency and take <c>us</c>, <c>ms</c> (the default) or <c>s</c>. The expression must hold; when it does not,
/// the threshold is crossed.
/// </summary>
public sealed partial record LoadThreshold(string Expression, string Metric, string Operator, double Limit)
{
    private static readonly string[] LatencyMetrics = ["p50", "p95", "p99", "max", "mean"];

    /// <summary>The metrics a threshold may name.</summary>
    public static readonly IReadOnlyList<string> Metrics = [.. LatencyMetrics, "error_rate", "rps"];

    /// <summary>Parses <paramref name="text"/>; on failure <paramref name="error"/> says what a threshold looks like.</summary>
    public static bool TryParse(string? text, out LoadThreshold? threshold, out string? error)
    {
        threshold = null;
        error = null;
        var match = Shape().Match(text ?? string.Empty);
        if (!match.Success)
        {
            error = $"{InputText.Quote(text)} is not a threshold such as \"p99<50ms\", \"error_rate<0.01\" or \"rps>=100\" (metrics: {string.Join(", ", Metrics)}; operators <, <=, >, >=)";
            return false;
        }

        var metric = match.Groups["metric"].Value;
        var unit = match.Groups["unit"].Value;
        if (!Metrics.Contains(metric))
        {
            error = $"{InputText.Quote(text)}: unknown metric {InputText.Quote(metric)} (metrics: {string.Join(", ", Metrics)})";
            return false;
        }

        var value = double.Parse(match.Groups["value"].Value, NumberStyles.Float, CultureInfo.InvariantCulture);
        double? limit = (LatencyMetrics.Contains(metric), metric, unit) switch
        {
            (true, _, "" or "ms") => value,
            (true, _, "s") => value * 1000,
            (true, _, "us") => value / 1000,
            (false, "error_rate", "") => value,
            (false, "error_rate", "%") => value / 100,
            (false, "rps", "") => value,
            _ => null,
        };
        if (limit is null)
        {
            error = $"{InputText.Quote(text)}: {metric} does not take the unit {InputText.Quote(unit)}{(LatencyMetrics.Contains(metric) ? " (use us, ms or s)" : metric == "error_rate" ? " (use a fraction or %)" : string.Empty)}";
            return false;
        }

        threshold = new LoadThreshold(text!.Trim(), metric, match.Groups["op"].Value, limit.Value);
        return true;
    }

    /// <summary>The summary's value of <see cref="Metric"/> (latencies in ms); null when nothing completed to measure it.</summary>
    public double? Observe(LoadSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        var completed = summary.Ok + summary.Failed;
        return Metric switch
        {
            "error_rate" => completed == 0 ? null : (double)summary.Failed / completed,
            "rps" => summary.RequestsPerSecond,
            _ when completed == 0 => null,
            "p50" => summary.Latency.P50Ms,
            "p95" => summary.Latency.P95Ms,
            "p99" => summary.Latency.P99Ms,
            "max" => summary.Latency.MaxMs,
            _ => summary.Latency.MeanMs,
        };
    }

    /// <summary>Whether the expression holds for <paramref name="observed"/>; nothing observed never holds.</summary>
    public bool Holds(double? observed) => observed is { } v && Operator switch
    {
        "<" => v < Limit,
        "<=" => v <= Limit,
        ">" => v > Limit,
        _ => v >= Limit,
    };

    [GeneratedRegex(@"^\s*(?<metric>[a-z_0-9]+)\s*(?<op><=|>=|<|>)\s*(?<value>\d+(\.\d+)?)\s*(?<unit>us|ms|s|%)?\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex Shape();
}
