using ResilienceLab.Reporting.Model;

namespace ResilienceLab.Reporting.Hypotheses;

/// <summary>
/// One metric a hypothesis check can name. <see cref="Pattern"/> is dot-separated; upper-case parts are parameters
/// (<c>WINDOW</c>, <c>SERVICE</c>, <c>QUEUE</c>, <c>CHANNEL</c>), the rest literal. <see cref="NoData"/> says what a run
/// without data for it gives; <see cref="Resolve"/> reads it off a report.
/// </summary>
public sealed record MetricDefinition(
    string Pattern,
    string Description,
    MetricUnit Unit,
    MetricDirection WorseWhen,
    string NoData,
    Func<RunReport, MetricArguments, MetricValue> Resolve)
{
    public IReadOnlyList<string> Parts { get; } = Pattern.Split('.');
}
