namespace ResilienceLab.Tests.Shared;

/// <summary>A span as it arrived over OTLP: ids in hex, attributes and events with their values as text.</summary>
public sealed record OtlpSpan(
    string Scope,
    string Name,
    string TraceId,
    string SpanId,
    string ParentSpanId,
    int Kind,
    IReadOnlyDictionary<string, string> Attributes,
    IReadOnlyList<OtlpSpanEvent> Events);
