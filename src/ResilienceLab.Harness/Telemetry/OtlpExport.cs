using System.Reflection;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using ResilienceLab.Stack.Telemetry;

namespace ResilienceLab.Harness.Telemetry;

/// <summary>
/// Sends the stack's <c>ResilienceLab</c> meter and its spans (<see cref="StackActivities"/>) over OTLP through the
/// OpenTelemetry SDK while a run or game day lasts. Spans go in batches every second, metrics (cumulative) every
/// 5 s; disposing flushes both (up to 5 s each) and stops listening. Start it before the run and dispose it after.
/// </summary>
public sealed class OtlpExport : IDisposable
{
    public const string ServiceName = "resilience-lab";
    private const int FlushTimeoutMs = 5_000;

    private readonly TracerProvider _traces;
    private readonly MeterProvider _metrics;
    private readonly OtlpExportErrors _errors;
    private bool _disposed;

    private OtlpExport(TracerProvider traces, MeterProvider metrics, OtlpExportErrors errors)
    {
        _traces = traces;
        _metrics = metrics;
        _errors = errors;
    }

    /// <param name="attributes">Resource attributes describing the run (scenario, command, target), besides service.name and service.version.</param>
    public static OtlpExport Start(OtlpSettings settings, IReadOnlyDictionary<string, object> attributes)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(attributes);
        var version = typeof(OtlpExport).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
        void Resource(ResourceBuilder resource) => resource.AddService(ServiceName, serviceVersion: version).AddAttributes(attributes);
        var protocol = settings.Protocol == OtlpProtocol.Grpc ? OtlpExportProtocol.Grpc : OtlpExportProtocol.HttpProtobuf;
        var errors = new OtlpExportErrors();
        var traces = Sdk.CreateTracerProviderBuilder()
            .ConfigureResource(Resource)
            .AddSource(StackActivities.SourceName)
            .AddOtlpExporter(o =>
            {
                o.Endpoint = settings.Traces;
                o.Protocol = protocol;
                o.TimeoutMilliseconds = FlushTimeoutMs;
                o.ExportProcessorType = ExportProcessorType.Batch;

                // A run makes thousands of spans a second; the default queue (2,048, sent every 5 s) would drop most.
                o.BatchExportProcessorOptions = new BatchExportProcessorOptions<System.Diagnostics.Activity>
                {
                    MaxQueueSize = 65_536,
                    MaxExportBatchSize = 4_096,
                    ScheduledDelayMilliseconds = 1_000,
                    ExporterTimeoutMilliseconds = FlushTimeoutMs,
                };
            })
            .Build();
        var metrics = Sdk.CreateMeterProviderBuilder()
            .ConfigureResource(Resource)
            .AddMeter(StackTelemetry.MeterName)
            .AddOtlpExporter((o, reader) =>
            {
                o.Endpoint = settings.Metrics;
                o.Protocol = protocol;
                o.TimeoutMilliseconds = FlushTimeoutMs;
                reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = 5_000;
            })
            .Build();
        return new OtlpExport(traces, metrics, errors);
    }

    /// <summary>Flushes what is left and stops; returns what went wrong on the way (export errors the SDK reported), empty when nothing did.</summary>
    public IReadOnlyList<string> Finish()
    {
        if (!_disposed)
        {
            _disposed = true;
            _traces.Shutdown(FlushTimeoutMs);
            _metrics.Shutdown(FlushTimeoutMs);
            _traces.Dispose();
            _metrics.Dispose();
            _errors.Dispose();
        }

        return _errors.Errors;
    }

    public void Dispose() => Finish();
}
