using ResilienceLab.Harness.Input;
using ResilienceLab.Harness.Telemetry;

namespace ResilienceLab.Harness.Tests.Telemetry;

/// <summary>Where telemetry goes: the option, else the standard variable; HTTP paths per signal; loopback unless allowed.</summary>
public sealed class OtlpSettingsTests
{
    [Fact]
    public void Resolve_NeitherOptionNorVariable_ExportsNothing()
    {
        Assert.Null(OtlpSettings.Resolve(null, Environment(), allowRemote: false));
        Assert.Null(OtlpSettings.Resolve(" ", Environment((OtlpSettings.EndpointVariable, "")), allowRemote: false));
    }

    [Fact]
    public void Resolve_Option_WinsOverTheVariableAndAddsSignalPaths()
    {
        var settings = OtlpSettings.Resolve("http://127.0.0.1:4318", Environment((OtlpSettings.EndpointVariable, "http://127.0.0.1:9999")), allowRemote: false)!;

        Assert.Equal(OtlpSettings.OptionName, settings.Source);
        Assert.Equal(OtlpProtocol.HttpProtobuf, settings.Protocol);
        Assert.Equal(new Uri("http://127.0.0.1:4318/v1/traces"), settings.Traces);
        Assert.Equal(new Uri("http://127.0.0.1:4318/v1/metrics"), settings.Metrics);
    }

    [Fact]
    public void Resolve_VariableWithABasePathAndGrpc_KeepsThePathAndSendsGrpcAsIs()
    {
        var http = OtlpSettings.Resolve(null, Environment((OtlpSettings.EndpointVariable, "http://localhost:4318/otlp")), allowRemote: false)!;
        var grpc = OtlpSettings.Resolve(null, Environment((OtlpSettings.EndpointVariable, "http://[::1]:4317"), (OtlpSettings.ProtocolVariable, "grpc")), allowRemote: false)!;

        Assert.Equal(OtlpSettings.EndpointVariable, http.Source);
        Assert.Equal(new Uri("http://localhost:4318/otlp/v1/traces"), http.Traces);
        Assert.Equal(OtlpProtocol.Grpc, grpc.Protocol);
        Assert.Equal(new Uri("http://[::1]:4317"), grpc.Traces);
    }

    [Fact]
    public void Resolve_RemoteEndpoint_IsRefusedNamingItsSourceUnlessAllowed()
    {
        var option = Assert.Throws<InvalidInputException>(() => OtlpSettings.Resolve("https://collector.example.com:4318", Environment(), allowRemote: false));
        var variable = Assert.Throws<InvalidInputException>(() => OtlpSettings.Resolve(null, Environment((OtlpSettings.EndpointVariable, "http://10.0.0.5:4318")), allowRemote: false));

        Assert.Equal("--otlp-endpoint: https://collector.example.com:4318/ is not on this machine; telemetry goes to another host only with --allow-remote", Assert.Single(option.Problems).ToString());
        Assert.StartsWith("OTEL_EXPORTER_OTLP_ENDPOINT: http://10.0.0.5:4318/ is not on this machine", Assert.Single(variable.Problems).ToString(), StringComparison.Ordinal);
        Assert.NotNull(OtlpSettings.Resolve("https://collector.example.com:4318", Environment(), allowRemote: true));
    }

    [Fact]
    public void Resolve_BadEndpointAndProtocol_ReportsBoth()
    {
        var error = Assert.Throws<InvalidInputException>(() => OtlpSettings.Resolve("127.0.0.1:4318", Environment((OtlpSettings.ProtocolVariable, "http/json")), allowRemote: false));

        Assert.Equal(
            [
                "--otlp-endpoint: '127.0.0.1:4318' is not an http:// or https:// URL, such as http://127.0.0.1:4318",
                "OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json' is not a protocol the OTLP exporter speaks: http/protobuf or grpc",
            ],
            error.Problems.Select(p => p.ToString()));
    }

    private static Func<string, string?> Environment(params (string Name, string Value)[] variables) =>
        name => variables.Where(v => v.Name == name).Select(v => v.Value).FirstOrDefault();
}
