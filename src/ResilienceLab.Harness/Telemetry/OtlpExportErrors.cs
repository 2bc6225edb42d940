using System.Collections.Concurrent;
using System.Diagnostics.Tracing;
using System.Globalization;

namespace ResilienceLab.Harness.Telemetry;

/// <summary>
/// The OTLP exporter reports a failed export only on its EventSource; this listens to it (errors only) so a run can
/// tell its user that telemetry did not arrive instead of failing silently. Each distinct error is kept once, on one
/// line (no stack trace), with how often it happened.
/// </summary>
internal sealed class OtlpExportErrors : EventListener
{
    private const string ExporterSource = "OpenTelemetry-Exporter-OpenTelemetryProtocol";
    private const int Distinct = 5;
    private readonly ConcurrentDictionary<string, int> _errors = new(StringComparer.Ordinal);

    public IReadOnlyList<string> Errors =>
        [.. _errors.OrderByDescending(e => e.Value).Select(e => e.Value == 1 ? e.Key : string.Create(CultureInfo.InvariantCulture, $"{e.Key} ({e.Value} times)"))];

    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        if (eventSource.Name == ExporterSource)
        {
            EnableEvents(eventSource, EventLevel.Error);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs eventData)
    {
        if (eventData.Level > EventLevel.Error)
        {
            return;
        }

        var message = eventData.Message is { } format && eventData.Payload is { Count: > 0 } payload
            ? string.Format(CultureInfo.InvariantCulture, format, [.. payload])
            : eventData.Message ?? eventData.EventName ?? "export failed";
        var line = message.Split('\n', 2)[0].Trim();
        if (_errors.ContainsKey(line) || _errors.Count < Distinct)
        {
            _errors.AddOrUpdate(line, 1, (_, n) => n + 1);
        }
    }
}
