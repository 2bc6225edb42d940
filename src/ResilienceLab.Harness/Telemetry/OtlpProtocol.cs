namespace ResilienceLab.Harness.Telemetry;

/// <summary>How OTLP travels: protobuf over HTTP (the standard's default for <c>OTEL_EXPORTER_OTLP_PROTOCOL</c>) or gRPC.</summary>
public enum OtlpProtocol
{
    HttpProtobuf,
    Grpc,
}
