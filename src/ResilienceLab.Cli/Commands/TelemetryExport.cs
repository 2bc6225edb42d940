using System.CommandLine;
using ResilienceLab.Harness.Telemetry;
using Spectre.Console;

namespace ResilienceLab.Cli.Commands;

/// <summary><c>--otlp-endpoint</c> for <c>run</c> and <c>gameday</c>: the option, and starting and finishing the export around the run.</summary>
internal static class TelemetryExport
{
    public static Option<string?> OtlpEndpointOption() => new(OtlpSettings.OptionName)
    {
        Description = "Send the ResilienceLab meter and a span per workflow, step and attempt over OTLP to this collector, e.g. http://127.0.0.1:4318 " +
            "(default: OTEL_EXPORTER_OTLP_ENDPOINT, else none). Only to this machine unless --allow-remote.",
    };

    /// <exception cref="Harness.Input.InvalidInputException">The endpoint or protocol is not usable.</exception>
    public static OtlpSettings? Resolve(ParseResult parse, Option<string?> endpoint, bool allowRemote) =>
        OtlpSettings.Resolve(parse.GetValue(endpoint), Environment.GetEnvironmentVariable, allowRemote);

    public static OtlpExport? Start(CliConsole console, OtlpSettings? settings, string command, string scenario, string target)
    {
        if (settings is null)
        {
            return null;
        }

        console.Output.MarkupLine($"telemetry: OTLP ({(settings.Protocol == OtlpProtocol.Grpc ? "grpc" : "http/protobuf")}) to {Markup.Escape(settings.Endpoint.AbsoluteUri)}");
        return OtlpExport.Start(settings, new Dictionary<string, object>
        {
            ["resiliencelab.command"] = command,
            ["resiliencelab.scenario"] = scenario,
            ["resiliencelab.target"] = target,
        });
    }

    /// <summary>Flushes what is left; an export that failed is a warning, never the run's verdict.</summary>
    public static void Finish(CliConsole console, OtlpExport? export)
    {
        foreach (var error in export?.Finish() ?? [])
        {
            console.WriteError($"warning: OTLP export: {error}");
        }
    }
}
