using ResilienceLab.Harness.Input;
using ResilienceLab.Load.Http;

namespace ResilienceLab.Harness.Telemetry;

/// <summary>
/// Where a run's telemetry goes over OTLP: <c>--otlp-endpoint</c>, else the standard <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>,
/// with the standard <c>OTEL_EXPORTER_OTLP_PROTOCOL</c> (<c>http/protobuf</c>, the default, or <c>grpc</c>). As with the
/// standard variable, the endpoint is the collector's base address: traces go to <c>v1/traces</c> and metrics to
/// <c>v1/metrics</c> under it over HTTP; gRPC uses it as it is. Loopback only unless remote targets are allowed.
/// </summary>
public sealed record OtlpSettings(Uri Endpoint, OtlpProtocol Protocol, string Source)
{
    public const string OptionName = "--otlp-endpoint";
    public const string EndpointVariable = "OTEL_EXPORTER_OTLP_ENDPOINT";
    public const string ProtocolVariable = "OTEL_EXPORTER_OTLP_PROTOCOL";

    public Uri Traces => Signal("v1/traces");

    public Uri Metrics => Signal("v1/metrics");

    /// <summary>The settings asked for, or null when neither the option nor the variable asks for export.</summary>
    /// <param name="environment">Reads an environment variable (null when unset).</param>
    /// <exception cref="InvalidInputException">The endpoint or protocol is not usable, or the endpoint is remote and <paramref name="allowRemote"/> is false.</exception>
    public static OtlpSettings? Resolve(string? option, Func<string, string?> environment, bool allowRemote)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var (text, source) = !string.IsNullOrWhiteSpace(option) ? (option, OptionName) : (environment(EndpointVariable), EndpointVariable);
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var problems = new List<InputProblem>();
        if (!Uri.TryCreate(text.Trim(), UriKind.Absolute, out var endpoint) || endpoint.Scheme is not ("http" or "https"))
        {
            problems.Add(new InputProblem(source, string.Empty, $"'{text}' is not an http:// or https:// URL, such as http://127.0.0.1:4318"));
        }
        else if (!allowRemote && !LoopbackGuard.IsLoopback(endpoint))
        {
            problems.Add(new InputProblem(source, string.Empty, $"{endpoint} is not on this machine; telemetry goes to another host only with --allow-remote"));
        }

        var protocolText = environment(ProtocolVariable);
        var protocol = OtlpProtocol.HttpProtobuf;
        switch (protocolText?.Trim())
        {
            case null or "" or "http/protobuf":
                break;
            case "grpc":
                protocol = OtlpProtocol.Grpc;
                break;
            default:
                problems.Add(new InputProblem(ProtocolVariable, string.Empty, $"'{protocolText}' is not a protocol the OTLP exporter speaks: http/protobuf or grpc"));
                break;
        }

        return problems.Count > 0 ? throw new InvalidInputException(problems) : new OtlpSettings(endpoint!, protocol, source);
    }

    private Uri Signal(string path) => Protocol == OtlpProtocol.Grpc
        ? Endpoint
        : new Uri(Endpoint.AbsoluteUri.EndsWith('/') ? Endpoint : new Uri(Endpoint.AbsoluteUri + "/"), path);
}
