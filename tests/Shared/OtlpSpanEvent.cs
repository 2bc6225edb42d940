namespace ResilienceLab.Tests.Shared;

/// <summary>A span event as it arrived over OTLP.</summary>
public sealed record OtlpSpanEvent(string Name, IReadOnlyDictionary<string, string> Attributes);
