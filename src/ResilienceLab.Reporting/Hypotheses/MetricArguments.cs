namespace ResilienceLab.Reporting.Hypotheses;

/// <summary>The parameters a metric name filled in: its window, service, queue or channel (null where the pattern has none).</summary>
public sealed record MetricArguments(string? Window = null, string? Service = null, string? Queue = null, string? Channel = null);
